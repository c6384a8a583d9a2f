# Turns profiles/kamusm.json into a C++ source (one source of truth for the built-in profile).
file(READ ${IN} content)
file(WRITE ${OUT} "// Generated from bridge/portal/profiles/kamusm.json by embed.cmake. Do not edit.\n"
                  "namespace eimza::portal {\nextern const char* const builtin_profile_json;\n"
                  "const char* const builtin_profile_json = R\"eimzajson(${content})eimzajson\";\n}\n")
