# Warnings every Moshtari target is built with; CI treats them as errors.
function(moshtari_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    # GCC 12 at -O3 reports a false -Wrestrict inside std::string's operator+ (GCC bug 105651, fixed in 13).
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
        target_compile_options(${target} PRIVATE -Wno-restrict)
    endif()
    if(MOSHTARI_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
