# Warnings every Moshtari target is built with; CI treats them as errors.
function(moshtari_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(MOSHTARI_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
