# The portal's HTML reading alone (eimza_portal_html): built and run wherever that target is
# (the Linux build, and the Windows build under wine).
add_executable(portal_html_tests ${CMAKE_CURRENT_LIST_DIR}/portal_html_test.cpp)
target_include_directories(portal_html_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(portal_html_tests PRIVATE eimza_portal_html GTest::gtest_main eimza_warnings)
gtest_discover_tests(portal_html_tests DISCOVERY_TIMEOUT 30)
