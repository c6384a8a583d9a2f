# One precompiled Asio/Beast header for the whole build (issue #15): eimza_asio compiles it once
# and every target that uses Asio — linking eimza_asio directly or through another library —
# reuses that copy instead of compiling its own (there were 29 copies, about 30 % of a clean
# build on 2 cores). Called once at the end of the top-level CMakeLists.txt, when every target
# exists. GCC refuses a PCH built with other flags (-Winvalid-pch, an error under -Werror), so a
# target that needs different compile flags shows up at once.

function(eimza_collect_targets dir out)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    eimza_collect_targets(${sub} more)
    list(APPEND targets ${more})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

function(eimza_share_asio_pch)
  if(NOT TARGET eimza_asio)
    return()
  endif()
  eimza_collect_targets(${PROJECT_SOURCE_DIR} all)
  set(users eimza_asio)
  set(changed TRUE)
  while(changed)  # users of users, until nothing new
    set(changed FALSE)
    foreach(t IN LISTS all)
      if(t IN_LIST users)
        continue()
      endif()
      get_target_property(type ${t} TYPE)
      if(NOT type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY)$")
        continue()
      endif()
      get_target_property(libs ${t} LINK_LIBRARIES)
      foreach(l IN LISTS libs)
        if(l IN_LIST users)
          list(APPEND users ${t})
          set(changed TRUE)
          break()
        endif()
      endforeach()
    endforeach()
  endwhile()
  list(REMOVE_ITEM users eimza_asio)
  foreach(t IN LISTS users)
    target_precompile_headers(${t} REUSE_FROM eimza_asio)
  endforeach()
endfunction()
