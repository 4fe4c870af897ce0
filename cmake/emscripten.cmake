# Every Emscripten flag of the project lives here (Debian's emscripten 3.1.6; quirks: DESIGN.md §3).
set(wasm "${VIGIE_DEPS}/wasm")
if(NOT EXISTS "${wasm}/lib/libicuuc.a" OR NOT EXISTS "${wasm}/lib/libzstd.a")
  message(FATAL_ERROR "wasm dependencies missing in ${wasm}: run deploy/setup.sh")
endif()

# ICU common + the embedded data subset, Snowball French, zstd: built once by deploy/setup.sh.
add_library(vigie_icu INTERFACE)
target_include_directories(vigie_icu SYSTEM INTERFACE "${wasm}/include")
target_compile_definitions(vigie_icu INTERFACE U_STATIC_IMPLEMENTATION U_CHARSET_IS_UTF8=1)
target_link_libraries(vigie_icu INTERFACE "${wasm}/lib/libicuuc.a" "${wasm}/lib/libicudata.a")
add_library(vigie_stemmer INTERFACE)
target_include_directories(vigie_stemmer SYSTEM INTERFACE "${wasm}/include")
target_link_libraries(vigie_stemmer INTERFACE "${wasm}/lib/libstemmer.a")
add_library(vigie_zstd INTERFACE)
target_include_directories(vigie_zstd SYSTEM INTERFACE "${wasm}/include")
target_link_libraries(vigie_zstd INTERFACE "${wasm}/lib/libzstd.a")

# Header-only libraries from Debian, seen through links so that /usr/include itself (glibc)
# never enters the wasm include path.
set(host_headers "${CMAKE_BINARY_DIR}/host-include")
file(MAKE_DIRECTORY "${host_headers}")
foreach(dir nlohmann catch2)
  if(NOT EXISTS "${host_headers}/${dir}")
    file(CREATE_LINK "/usr/include/${dir}" "${host_headers}/${dir}" SYMBOLIC)
  endif()
endforeach()
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE "${host_headers}")
add_library(vigie_catch2 INTERFACE)
target_include_directories(vigie_catch2 SYSTEM INTERFACE "${host_headers}")
# Catch2 reports failures by throwing: tests need real wasm exceptions.
target_compile_options(vigie_catch2 INTERFACE -fexceptions)
target_link_options(vigie_catch2 INTERFACE -fexceptions)

set(VIGIE_WARNINGS -Wall -Wextra -Wno-sign-conversion)

# Programs run by Node (unit tests, the CLI for native = wasm checks, the JS API): real files.
set(VIGIE_NODE_LINK_FLAGS "--pre-js=${CMAKE_CURRENT_LIST_DIR}/node_pre.js" -sENVIRONMENT=node -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1
   )

# The page: GLFW (Emscripten's own) + WebGL2, data preloaded into /data, shell.html loads the JS.
set(VIGIE_APP_LINK_FLAGS -sENVIRONMENT=web -sUSE_GLFW=3 -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2
    -sMAX_WEBGL_VERSION=2 -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432
    -sEXPORTED_FUNCTIONS=_main,_malloc,_free,_vigie_state_json,_vigie_type,_vigie_focus_search,_vigie_pinch,_vigie_import_dir,_vigie_set_dark
    -sEXPORTED_RUNTIME_METHODS=ccall,UTF8ToString,stringToNewUTF8,FS
    -sINVOKE_RUN=1 -sEXIT_RUNTIME=0)
set(VIGIE_IMGUI_DEFINES IMGUI_IMPL_OPENGL_ES3 IMGUI_DISABLE_OBSOLETE_FUNCTIONS
    "IMGUI_USER_CONFIG=\"${CMAKE_SOURCE_DIR}/src/app/imconfig_vigie.h\"")

# The JS API (DESIGN.md §4.4): one module for Node and the browser, a factory createVigie().
# A library: no process-wide handlers for uncaught exceptions and rejections (NODEJS_CATCH_*),
# which would take over the host program's and, holding the module, keep every instance's
# memory alive after its last use.
set(VIGIE_API_LINK_FLAGS "--pre-js=${CMAKE_CURRENT_LIST_DIR}/node_pre.js" --bind -sMODULARIZE=1
    -sEXPORT_NAME=createVigie -sENVIRONMENT=web,node -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB
    -sNODEJS_CATCH_EXIT=0 -sNODEJS_CATCH_REJECTION=0)
