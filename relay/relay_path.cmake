# The relay's sans-I/O parts (request targets, PROXY v2 headers, WebSocket frames, the poll window) as a target of its own: the
# relay links it, and so does the fuzzer, whose preset builds no relay (tests/fuzz includes this
# file then).
add_library(eimza_relay_path STATIC ${CMAKE_CURRENT_LIST_DIR}/src/relay_path.cpp
                                    ${CMAKE_CURRENT_LIST_DIR}/src/proxy_header.cpp
                                    ${CMAKE_CURRENT_LIST_DIR}/src/ws_frame.cpp
                                    ${CMAKE_CURRENT_LIST_DIR}/src/poll_window.cpp)
target_include_directories(eimza_relay_path PUBLIC ${CMAKE_CURRENT_LIST_DIR}/include)
target_link_libraries(eimza_relay_path PRIVATE eimza_warnings)
if(WIN32)
  target_link_libraries(eimza_relay_path PUBLIC ws2_32)  # inet_ntop
endif()
