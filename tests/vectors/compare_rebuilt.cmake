# Rebuilds the vector file from its inputs and fails when it differs from the committed one.
# EMULATOR: how the host runs TOOL (wine for the Windows build), empty for a native one.
execute_process(COMMAND ${EMULATOR} ${TOOL} build ${INPUTS} ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "bridgelink_vectors build failed")
endif()
file(READ ${OUT} rebuilt)
file(READ ${COMMITTED} committed)
if(NOT rebuilt STREQUAL committed)
  message(FATAL_ERROR "tests/vectors/bridgelink-v1.json is stale: rebuild it with\n"
                      "  bridgelink_vectors build tests/vectors/bridgelink-v1.inputs.json tests/vectors/bridgelink-v1.json")
endif()
message(STATUS "committed vectors match a fresh build")
