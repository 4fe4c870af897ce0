# Native build: system ICU 72, libstemmer, nlohmann/json and Catch2 from Debian.
find_package(ICU 72 REQUIRED COMPONENTS uc)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(Catch2 2 REQUIRED)

add_library(vigie_icu INTERFACE)
target_link_libraries(vigie_icu INTERFACE ICU::uc)
add_library(vigie_stemmer INTERFACE)
target_link_libraries(vigie_stemmer INTERFACE ${STEMMER_LIBRARY})
target_include_directories(vigie_stemmer INTERFACE ${STEMMER_INCLUDE_DIR})
add_library(vigie_catch2 INTERFACE)
target_link_libraries(vigie_catch2 INTERFACE Catch2::Catch2)

set(VIGIE_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
