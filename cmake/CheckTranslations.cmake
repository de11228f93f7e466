# SPDX-License-Identifier: GPL-3.0-or-later
# The translations_up_to_date test:
#  1. lupdate over the sources must not change translations/*.ts (every tr() string extracted);
#  2. no entry may be unfinished, vanished or obsolete.
#   cmake -DLUPDATE=... -DSOURCE_DIR=<repo> -DWORK_DIR=<scratch> -P CheckTranslations.cmake
set(failed FALSE)
file(REMOVE_RECURSE "${WORK_DIR}")
execute_process(COMMAND "${CMAKE_COMMAND}" -DLUPDATE=${LUPDATE} -DSOURCE_DIR=${SOURCE_DIR}
                        -DOUT_DIR=${WORK_DIR} -P "${CMAKE_CURRENT_LIST_DIR}/UpdateTranslations.cmake"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "running lupdate failed")
endif()

foreach(lang ko en)
    set(committed "${SOURCE_DIR}/translations/helpdesk_${lang}.ts")
    set(fresh "${WORK_DIR}/helpdesk_${lang}.ts")
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${committed}" "${fresh}"
                    RESULT_VARIABLE differs)
    if(NOT differs EQUAL 0)
        execute_process(COMMAND diff -u "${committed}" "${fresh}" OUTPUT_VARIABLE d ERROR_QUIET)
        message(SEND_ERROR "translations/helpdesk_${lang}.ts is stale: a tr() string changed "
                           "without scripts/update-translations.sh. Difference:\n${d}")
        set(failed TRUE)
    endif()

    file(STRINGS "${committed}" lines)
    set(context "")
    set(source "")
    foreach(line IN LISTS lines)
        if(line MATCHES "<name>(.*)</name>")
            set(context "${CMAKE_MATCH_1}")
        elseif(line MATCHES "<source>(.*)</source>")
            set(source "${CMAKE_MATCH_1}")
        elseif(line MATCHES "<source>(.*)")
            set(source "${CMAKE_MATCH_1}...")
        endif()
        if(line MATCHES "type=\"(unfinished|vanished|obsolete)\"")
            message(SEND_ERROR "helpdesk_${lang}.ts: ${CMAKE_MATCH_1} entry in context "
                               "'${context}': ${source}")
            set(failed TRUE)
        endif()
    endforeach()
endforeach()

if(failed)
    message(FATAL_ERROR "translations are not complete; run scripts/update-translations.sh and "
                        "translate the unfinished entries")
endif()
message(STATUS "translations complete and up to date")
