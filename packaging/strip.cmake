# eimza_strip_installed(<file> ...): strips the named files (relative to the install prefix) when
# they are installed. install(PROGRAMS) and install(TARGETS) are not stripped by CPACK_STRIP_FILES;
# debug information stays in the build tree.
function(eimza_strip_installed)
  if(NOT CMAKE_STRIP)
    return()
  endif()
  install(CODE "
    foreach(p ${ARGN})
      if(EXISTS \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/\${p}\")
        execute_process(COMMAND \"${CMAKE_STRIP}\" --strip-unneeded \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/\${p}\")
      endif()
    endforeach()")
endfunction()
