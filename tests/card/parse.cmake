# The card's parsers and APDU reader against the in-process virtual card (eimza_card_parse): built
# and run wherever the parsers are (the Linux build, and the Windows build under wine).
add_executable(card_parse_tests ${CMAKE_CURRENT_LIST_DIR}/card_parse_test.cpp)
target_link_libraries(card_parse_tests PRIVATE eimza_card_parse eimza_virtual_card GTest::gtest_main eimza_warnings)
gtest_discover_tests(card_parse_tests DISCOVERY_TIMEOUT 30)
