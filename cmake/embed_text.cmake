# cmake -DIN=file -DOUT=source.cpp -DNAMESPACE=ns -DSYMBOL=name -P embed_text.cmake
# Turns a text file (JSON) into a C++ source defining `const char* const SYMBOL` in NAMESPACE: the
# file stays the one source of truth and is compiled in.
file(READ ${IN} content)
file(RELATIVE_PATH from ${CMAKE_CURRENT_LIST_DIR}/.. ${IN})
file(WRITE ${OUT} "// Generated from ${from} by cmake/embed_text.cmake. Do not edit.\n"
                  "namespace ${NAMESPACE} {\nextern const char* const ${SYMBOL};\n"
                  "const char* const ${SYMBOL} = R\"eimzajson(${content})eimzajson\";\n}\n")
