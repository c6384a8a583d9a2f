# The Windows installer (issue #16): `cpack` in the windows build tree makes
# eimza-companion-<version>-win64.exe with NSIS (Debian's makensis, amd64 stubs) from our own
# template (packaging/windows/NSIS.template.in: per user, no administrator rights, Turkish and
# English). Layout under the install directory: bin/ (bridge.exe, relay.exe, libeimza-http.dll),
# share/eimza/web-companion/ (found by the bridge as ../share/eimza/web-companion), doc/.
install(TARGETS bridge relay RUNTIME DESTINATION bin)
install(FILES $<TARGET_FILE:eimza_http> DESTINATION bin)
install(FILES ${PROJECT_SOURCE_DIR}/web-companion/index.html DESTINATION share/eimza/web-companion)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web-companion/src ${PROJECT_SOURCE_DIR}/web-companion/i18n
                  ${PROJECT_SOURCE_DIR}/web-companion/vendor
        DESTINATION share/eimza/web-companion)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/user-guide.tr.md
              ${PROJECT_SOURCE_DIR}/docs/user-guide.en.md ${PROJECT_SOURCE_DIR}/docs/windows.md
        DESTINATION doc)
include(${CMAKE_CURRENT_LIST_DIR}/strip.cmake)
eimza_strip_installed(bin/bridge.exe bin/relay.exe bin/libeimza-http.dll)

set(CPACK_GENERATOR NSIS)
set(CPACK_PACKAGE_NAME eimza-companion)
set(CPACK_PACKAGE_VENDOR "e-imza companion")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_FILE_NAME eimza-companion-${PROJECT_VERSION}-win64)
set(CPACK_PACKAGE_INSTALL_DIRECTORY eimza-companion)
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY eimza-companion)
set(CPACK_NSIS_DISPLAY_NAME "e-imza companion")
set(CPACK_MODULE_PATH ${CMAKE_CURRENT_LIST_DIR}/windows)  # our NSIS.template.in
list(PREPEND CMAKE_MODULE_PATH ${CMAKE_CURRENT_LIST_DIR}/windows)
include(CPack)
