# Assembles the static site (run with cmake -P): the page's files, index.html, the loader with
# each fetched file's byte size (for the progress bar), the styles, the web app manifest and its
# icons, and the service worker with the list of every file and a version that is a hash of
# them all (a new deployment = a new version = a new cache).
# In: SHELL (shell.html), WEB (web/), BUILD (the wasm build dir), ICONS (generated icons), SITE.
file(MAKE_DIRECTORY "${SITE}")
function(put name content)  # writes only when different, so unchanged files keep their time
  file(WRITE "${SITE}/${name}.tmp" "${content}")
  file(COPY_FILE "${SITE}/${name}.tmp" "${SITE}/${name}" ONLY_IF_DIFFERENT)
  file(REMOVE "${SITE}/${name}.tmp")
endfunction()

set(sizes "")
foreach(name vigie_app.js vigie_app.wasm vigie_app.data)
  file(COPY_FILE "${BUILD}/${name}" "${SITE}/${name}" ONLY_IF_DIFFERENT)
  file(SIZE "${BUILD}/${name}" size)
  string(APPEND sizes "\"${name}\": ${size}, ")
endforeach()
string(REGEX REPLACE ", $" "" sizes "${sizes}")
file(READ "${WEB}/loader.js" loader)
string(REPLACE "@VIGIE_FILES@" "{${sizes}}" loader "${loader}")
put(loader.js "${loader}")
file(READ "${SHELL}" html)
put(index.html "${html}")
foreach(name vigie.css manifest.webmanifest)
  file(COPY_FILE "${WEB}/${name}" "${SITE}/${name}" ONLY_IF_DIFFERENT)
endforeach()
foreach(name icon-192.png icon-512.png icon-maskable-512.png)
  file(COPY_FILE "${ICONS}/${name}" "${SITE}/${name}" ONLY_IF_DIFFERENT)
endforeach()

# The service worker: every file above, and a version from their contents.
set(files index.html loader.js vigie.css manifest.webmanifest icon-192.png icon-512.png icon-maskable-512.png
          vigie_app.js vigie_app.wasm vigie_app.data)
set(list "")
set(hashes "")
foreach(name ${files})
  file(SHA256 "${SITE}/${name}" h)
  string(APPEND hashes "${h}")
  string(APPEND list "\"${name}\", ")
endforeach()
string(SHA256 version "${hashes}")
string(SUBSTRING "${version}" 0 16 version)
string(REGEX REPLACE ", $" "" list "${list}")
file(READ "${WEB}/sw.js" sw)
string(REPLACE "@VIGIE_VERSION@" "${version}" sw "${sw}")
string(REPLACE "@VIGIE_SW_FILES@" "[\"./\", ${list}]" sw "${sw}")
put(sw.js "${sw}")
