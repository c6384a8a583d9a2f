# Boost 1.81 for the MinGW-w64 build, as scripts/windows-deps lays it out: Debian's headers
# (include/boost), the compiled parts the project uses as static libraries (lib/libboost_*.a).
# Defines the same imported targets as Debian's BoostConfig.cmake for the components asked for.
get_filename_component(_eimza_boost_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(Boost_VERSION 1.81.0)
set(Boost_VERSION_STRING 1.81.0)
set(Boost_INCLUDE_DIRS "${_eimza_boost_prefix}/include")

if(NOT TARGET Boost::headers)
  add_library(Boost::headers INTERFACE IMPORTED)
  set_target_properties(Boost::headers PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${_eimza_boost_prefix}/include"
    INTERFACE_COMPILE_DEFINITIONS "BOOST_ALL_NO_LIB")
  add_library(Boost::boost INTERFACE IMPORTED)
  set_target_properties(Boost::boost PROPERTIES INTERFACE_LINK_LIBRARIES Boost::headers)
  # Header-only since 1.69.
  add_library(Boost::system INTERFACE IMPORTED)
  set_target_properties(Boost::system PROPERTIES INTERFACE_LINK_LIBRARIES "Boost::headers;ws2_32;mswsock")
endif()

set(Boost_FOUND TRUE)
foreach(_c IN LISTS Boost_FIND_COMPONENTS)
  if(_c STREQUAL "headers" OR _c STREQUAL "system")
    continue()
  endif()
  set(_lib "${_eimza_boost_prefix}/lib/libboost_${_c}.a")
  if(NOT EXISTS "${_lib}")
    set(Boost_FOUND FALSE)
    set(Boost_NOT_FOUND_MESSAGE "Boost.${_c} was not built by scripts/windows-deps (${_lib})")
    break()
  endif()
  if(NOT TARGET Boost::${_c})
    add_library(Boost::${_c} STATIC IMPORTED)
    set_target_properties(Boost::${_c} PROPERTIES IMPORTED_LOCATION "${_lib}"
                                                  INTERFACE_LINK_LIBRARIES Boost::headers)
  endif()
endforeach()
