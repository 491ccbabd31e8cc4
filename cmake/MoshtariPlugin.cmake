# moshtari_add_plugin(<target> SOURCES ... [LIBRARIES ...] [MANIFEST plugin.yaml] [OUTPUT_DIRECTORY dir] [NO_INSTALL])
#
# Builds a Moshtari plugin: a MODULE library named after the manifest's `id`, hidden visibility, with its
# plugin.yaml copied beside it as <OUTPUT_DIRECTORY>/<id>/{<id>.so,plugin.yaml}, the layout the host discovers.
# OUTPUT_DIRECTORY defaults to <build>/<libdir>/moshtari/plugins, the same place relative to bin/ as once
# installed. Works in the Moshtari tree and from the installed package (find_package(Moshtari)).
include(GNUInstallDirs)

function(moshtari_add_plugin target)
    cmake_parse_arguments(ARG "NO_INSTALL" "MANIFEST;OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
    if(NOT ARG_MANIFEST)
        set(ARG_MANIFEST "${CMAKE_CURRENT_SOURCE_DIR}/plugin.yaml")
    endif()
    if(NOT ARG_OUTPUT_DIRECTORY)
        set(ARG_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/${CMAKE_INSTALL_LIBDIR}/moshtari/plugins")
    endif()
    if(NOT EXISTS "${ARG_MANIFEST}")
        message(FATAL_ERROR "moshtari_add_plugin(${target}): manifest ${ARG_MANIFEST} does not exist")
    endif()
    file(STRINGS "${ARG_MANIFEST}" id_line REGEX "^id:[ \t]*[A-Za-z0-9._-]+" LIMIT_COUNT 1)
    if(NOT id_line)
        message(FATAL_ERROR "moshtari_add_plugin(${target}): ${ARG_MANIFEST} has no top-level `id:` line")
    endif()
    string(REGEX REPLACE "^id:[ \t]*([A-Za-z0-9._-]+).*$" "\\1" plugin_id "${id_line}")

    set(dir "${ARG_OUTPUT_DIRECTORY}/${plugin_id}")
    add_library(${target} MODULE ${ARG_SOURCES})
    target_link_libraries(${target} PRIVATE Moshtari::sdk ${ARG_LIBRARIES})
    # Only the entry symbol leaves the library: a version script hides everything else, including what
    # static archives and header-only libraries would otherwise export.
    set(exports "${CMAKE_CURRENT_BINARY_DIR}/${target}.exports")
    file(WRITE "${exports}" "{ global: moshtari_plugin_descriptor; local: *; };\n")
    target_link_options(${target} PRIVATE "LINKER:--no-undefined" "LINKER:--version-script=${exports}")
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${exports}")
    set_target_properties(${target} PROPERTIES
        PREFIX ""
        OUTPUT_NAME "${plugin_id}"
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON
        LIBRARY_OUTPUT_DIRECTORY "${dir}")
    configure_file("${ARG_MANIFEST}" "${dir}/plugin.yaml" COPYONLY)
    set_property(TARGET ${target} PROPERTY MOSHTARI_PLUGIN_ID "${plugin_id}")

    if(NOT ARG_NO_INSTALL)
        install(TARGETS ${target} LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}/moshtari/plugins/${plugin_id}")
        install(FILES "${ARG_MANIFEST}" DESTINATION "${CMAKE_INSTALL_LIBDIR}/moshtari/plugins/${plugin_id}"
                RENAME plugin.yaml)
    endif()
endfunction()
