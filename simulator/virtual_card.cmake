# The virtual AKIS card as a library: the card itself (APDUs in, responses out), the test
# certificates it carries, and (Linux) the pcscd network namespace the demo plugs it into. Also
# built by the parsers-only build (the Windows preset) for the card parsing tests.
set(eimza_virtual_card_sources
    ${CMAKE_CURRENT_LIST_DIR}/virtual_card/virtual_akis_card.cpp ${CMAKE_CURRENT_LIST_DIR}/virtual_card/test_certificate.cpp
    ${CMAKE_CURRENT_LIST_DIR}/virtual_card/der_writer.cpp)
if(NOT WIN32)
  list(APPEND eimza_virtual_card_sources ${CMAKE_CURRENT_LIST_DIR}/virtual_card/pcscd_network.cpp)
endif()
add_library(eimza_virtual_card STATIC ${eimza_virtual_card_sources})
target_include_directories(eimza_virtual_card PUBLIC ${CMAKE_CURRENT_LIST_DIR} ${PROJECT_SOURCE_DIR}/bridge)
target_link_libraries(eimza_virtual_card PUBLIC eimza::bridgelink Boost::json OpenSSL::Crypto PRIVATE eimza_warnings)
