# The bridge's sans-I/O parsing as targets of their own: the card's bytes (APDU, TLV, ATR,
# certificates, the AKIS file layout) and the portal's pages (HTML as a browser reads it, text
# matching, forms). The bridge's card and portal modules link them; so do the fuzzers, whose
# preset builds no bridge (tests/fuzz includes this file then) — nobody re-lists their sources.
# Needs: eimza::bridgelink, eimza_warnings, OpenSSL, gumbo, utf8proc (pkg-config) and Boost headers.
set(eimza_bridge_dir ${CMAKE_CURRENT_LIST_DIR})

add_library(eimza_identity STATIC ${eimza_bridge_dir}/identity/kimlik_no.cpp)
target_include_directories(eimza_identity PUBLIC ${eimza_bridge_dir})
target_link_libraries(eimza_identity PRIVATE eimza_warnings)

add_library(eimza_card_parse STATIC
  ${eimza_bridge_dir}/card/apdu.cpp ${eimza_bridge_dir}/card/tlv.cpp ${eimza_bridge_dir}/card/atr.cpp
  ${eimza_bridge_dir}/card/certificate.cpp ${eimza_bridge_dir}/card/apdu_card.cpp)
target_include_directories(eimza_card_parse PUBLIC ${eimza_bridge_dir})
target_link_libraries(eimza_card_parse PUBLIC eimza::bridgelink eimza_identity Boost::headers OpenSSL::Crypto
                                       PRIVATE eimza_warnings)

add_library(eimza_portal_html STATIC
  ${eimza_bridge_dir}/portal/text_match.cpp ${eimza_bridge_dir}/portal/charset.cpp
  ${eimza_bridge_dir}/portal/html_page.cpp ${eimza_bridge_dir}/portal/page_lookup.cpp
  ${eimza_bridge_dir}/portal/form_submission.cpp ${eimza_bridge_dir}/portal/image_check.cpp
  ${eimza_bridge_dir}/portal/profile_check.cpp ${eimza_bridge_dir}/portal/http_forms.cpp)
target_include_directories(eimza_portal_html PUBLIC ${eimza_bridge_dir})
target_link_libraries(eimza_portal_html PUBLIC eimza::bridgelink PRIVATE PkgConfig::GUMBO PkgConfig::UTF8PROC
                                        eimza_warnings)
