# Copies the web companion as it is served — index.html, src/, i18n/, vendor/ (no package.json,
# node_modules, tests or tools) — into the build tree's install layout, share/eimza/web-companion,
# where the bridge looks for it next to itself (as /usr/bin/../share in the package).
# -DSRC=<web-companion> -DDST=<build>/share/eimza/web-companion
file(REMOVE_RECURSE ${DST})
file(MAKE_DIRECTORY ${DST})
file(COPY ${SRC}/index.html DESTINATION ${DST})
foreach(dir src i18n vendor)
  if(EXISTS ${SRC}/${dir})
    file(COPY ${SRC}/${dir} DESTINATION ${DST} FOLLOW_SYMLINK_CHAIN)
  endif()
endforeach()
