# SPDX-License-Identifier: GPL-3.0-or-later
# cg_embed_files(OUT_VAR TABLE_NAME GLOB...): turns each matching file into a
# C byte array at build time and a table `TABLE_NAME` of {name, data, size}
# rows (declared in base/embedded.h), so SQL and web assets live in the
# binary and a single file is the whole deployment.
function(cg_embed_files out_var table)
  file(GLOB files CONFIGURE_DEPENDS ${ARGN})
  list(SORT files)
  set(gen_dir ${CMAKE_CURRENT_BINARY_DIR}/generated)
  set(out ${gen_dir}/${table}.c)
  # A CMake list holds ';', which a command line would split: pass '|'.
  string(REPLACE ";" "|" files_arg "${files}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DTABLE=${table} "-DFILES=${files_arg}"
            -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed-run.cmake
    DEPENDS ${files} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed-run.cmake
    COMMENT "Embedding ${table}"
    VERBATIM)
  set(${out_var} ${out} PARENT_SCOPE)
endfunction()
