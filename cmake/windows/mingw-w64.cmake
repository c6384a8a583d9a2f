# Cross-compiling for 64-bit Windows with Debian's MinGW-w64 (posix threads), against the static
# dependencies scripts/windows-deps builds into EIMZA_MINGW_DEPS. Tests run under wine.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(_triple x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${_triple}-gcc-posix)
set(CMAKE_CXX_COMPILER ${_triple}-g++-posix)
set(CMAKE_RC_COMPILER ${_triple}-windres)

if(NOT EIMZA_MINGW_DEPS)
  set(EIMZA_MINGW_DEPS "$ENV{EIMZA_MINGW_DEPS}")
endif()
if(NOT EIMZA_MINGW_DEPS OR NOT EXISTS "${EIMZA_MINGW_DEPS}/.complete")
  message(FATAL_ERROR "EIMZA_MINGW_DEPS must name the prefix scripts/windows-deps built (got '${EIMZA_MINGW_DEPS}')")
endif()
set(EIMZA_MINGW_DEPS "${EIMZA_MINGW_DEPS}" CACHE PATH "static MinGW dependencies (scripts/windows-deps)")
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES EIMZA_MINGW_DEPS)

set(CMAKE_FIND_ROOT_PATH /usr/${_triple} "${EIMZA_MINGW_DEPS}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# pkg-config sees only the dependency prefix (never the Linux .pc files).
set(ENV{PKG_CONFIG_LIBDIR} "${EIMZA_MINGW_DEPS}/lib/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")

# Self-contained programs and modules (libeimza-http.dll): no libstdc++/libgcc/winpthread DLLs
# next to them. A module built without this asked for libstdc++-6.dll and could not be loaded.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")
# Programs built here (tests, test discovery) run under wine, through wine-run (a launch wine did
# not start is tried again; see there).
find_program(EIMZA_WINE NAMES wine64 wine PATHS /usr/lib/wine NO_CMAKE_FIND_ROOT_PATH)
if(EIMZA_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR "${CMAKE_CURRENT_LIST_DIR}/wine-run;${EIMZA_WINE}")
endif()
