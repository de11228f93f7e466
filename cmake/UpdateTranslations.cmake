# SPDX-License-Identifier: GPL-3.0-or-later
# Refreshes translations/*.ts from the sources with lupdate. Used by scripts/update-translations.sh
# (OUT_DIR = the source tree) and by the translations_up_to_date test (OUT_DIR = a scratch copy,
# compared afterwards), so both run the very same lupdate command.
#   cmake -DLUPDATE=/path/lupdate -DSOURCE_DIR=<repo> -DOUT_DIR=<dir> -P UpdateTranslations.cmake
foreach(var LUPDATE SOURCE_DIR OUT_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "UpdateTranslations.cmake: ${var} is not set")
    endif()
endforeach()

file(MAKE_DIRECTORY "${OUT_DIR}")
foreach(lang ko en)
    set(src "${SOURCE_DIR}/translations/helpdesk_${lang}.ts")
    set(dst "${OUT_DIR}/helpdesk_${lang}.ts")
    if(NOT src STREQUAL dst AND EXISTS "${src}")
        file(COPY_FILE "${src}" "${dst}")
    endif()
endforeach()

set(dirs core ui server sync app)
set(common -silent -I "${SOURCE_DIR}" -locations none -no-obsolete -no-ui-lines -extensions cpp,h)
execute_process(
    COMMAND "${LUPDATE}" ${common} -source-language en -target-language ko ${dirs}
            -ts "${OUT_DIR}/helpdesk_ko.ts"
    WORKING_DIRECTORY "${SOURCE_DIR}"
    RESULT_VARIABLE rc_ko)
# English: the source strings are English already, so the catalogue holds only plural forms.
execute_process(
    COMMAND "${LUPDATE}" ${common} -pluralonly -source-language en -target-language en ${dirs}
            -ts "${OUT_DIR}/helpdesk_en.ts"
    WORKING_DIRECTORY "${SOURCE_DIR}"
    RESULT_VARIABLE rc_en)
if(NOT rc_ko EQUAL 0 OR NOT rc_en EQUAL 0)
    message(FATAL_ERROR "lupdate failed (ko: ${rc_ko}, en: ${rc_en})")
endif()
