# What the relay shares with the bridge, as targets of their own so that a build of the relay
# alone (the Windows preset, until the bridge runs there) has them: Asio/Beast compiled once, with
# a precompiled header every Asio user reuses (cmake/shared_pch.cmake), and private files.
set(eimza_bridge_dir ${CMAKE_CURRENT_LIST_DIR})

# With the system's trust anchors for the bridge's own TLS (net/system_trust*.cpp).
if(WIN32)
  set(system_trust_backend ${eimza_bridge_dir}/net/system_trust_windows.cpp)
else()
  set(system_trust_backend ${eimza_bridge_dir}/net/system_trust_posix.cpp)
endif()
add_library(eimza_asio STATIC ${eimza_bridge_dir}/net/asio_impl.cpp ${eimza_bridge_dir}/net/beast_impl.cpp
                              ${system_trust_backend})
target_include_directories(eimza_asio PUBLIC ${eimza_bridge_dir})
target_compile_definitions(eimza_asio PUBLIC BOOST_ASIO_SEPARATE_COMPILATION BOOST_BEAST_SEPARATE_COMPILATION
                                             BOOST_ASIO_NO_DEPRECATED)
target_link_libraries(eimza_asio PUBLIC Boost::system Boost::headers OpenSSL::SSL OpenSSL::Crypto Threads::Threads)
if(WIN32)
  target_link_libraries(eimza_asio PUBLIC ws2_32 mswsock crypt32)
endif()
target_precompile_headers(eimza_asio PRIVATE ${eimza_bridge_dir}/net/asio_pch.hpp)
# Built with the flags of its users (a PCH is refused when -Wpedantic or -pthread differ).
target_link_libraries(eimza_asio PRIVATE eimza_warnings)

# Private files (owner-only, never through a link): for the bridge, the relay and the simulators'
# port and CA files. POSIX: O_EXCL|O_NOFOLLOW, 0600; Windows: CREATE_NEW, an owner-only DACL.
if(WIN32)
  set(private_files_backend ${eimza_bridge_dir}/platform/private_files_windows.cpp)
else()
  set(private_files_backend ${eimza_bridge_dir}/platform/private_files_posix.cpp)
endif()
add_library(eimza_private_files STATIC ${eimza_bridge_dir}/platform/private_files.cpp ${private_files_backend})
target_include_directories(eimza_private_files PUBLIC ${eimza_bridge_dir})
target_link_libraries(eimza_private_files PRIVATE eimza_warnings)
if(WIN32)
  target_link_libraries(eimza_private_files PRIVATE advapi32 bcrypt)
endif()

# Operating-system services the bridge's parts share, one backend per platform: libraries loaded
# at run time (PKCS#11 modules, the bridge's optional modules), the program's directory, waiting
# for a file to appear, where a user's settings and logs live.
if(WIN32)
  set(os_backend ${eimza_bridge_dir}/platform/shared_library_windows.cpp ${eimza_bridge_dir}/platform/path_wait_windows.cpp
                 ${eimza_bridge_dir}/platform/user_dirs_windows.cpp)
else()
  set(os_backend ${eimza_bridge_dir}/platform/shared_library_posix.cpp ${eimza_bridge_dir}/platform/path_wait_posix.cpp
                 ${eimza_bridge_dir}/platform/user_dirs_posix.cpp)
endif()
add_library(eimza_os STATIC ${os_backend} ${eimza_bridge_dir}/platform/program_text.cpp)
target_include_directories(eimza_os PUBLIC ${eimza_bridge_dir})
target_link_libraries(eimza_os PUBLIC ${CMAKE_DL_LIBS} PRIVATE eimza_warnings)
if(WIN32)
  target_link_libraries(eimza_os PRIVATE shell32 ole32 uuid)
endif()

# The proxy the system is set to use (Windows' Internet settings through WinHTTP; elsewhere none:
# libcurl reads the environment), with its rules sans-I/O in proxy_rules.cpp. For the portal's
# HTTP module, hence position-independent.
if(WIN32)
  set(system_proxy_backend ${eimza_bridge_dir}/platform/system_proxy_windows.cpp)
else()
  set(system_proxy_backend ${eimza_bridge_dir}/platform/system_proxy_posix.cpp)
endif()
add_library(eimza_system_proxy STATIC ${eimza_bridge_dir}/platform/proxy_rules.cpp
                               ${eimza_bridge_dir}/platform/system_proxy.cpp ${system_proxy_backend})
set_target_properties(eimza_system_proxy PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_include_directories(eimza_system_proxy PUBLIC ${eimza_bridge_dir})
target_link_libraries(eimza_system_proxy PRIVATE eimza_warnings)
if(WIN32)
  target_link_libraries(eimza_system_proxy PRIVATE winhttp)
endif()
