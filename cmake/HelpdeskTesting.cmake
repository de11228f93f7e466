# SPDX-License-Identifier: GPL-3.0-or-later
# helpdesk_add_test(<name> SOURCES ... LIBS ... [GUI])
# Builds a Qt Test executable and registers it with CTest. Every test runs with the offscreen
# platform, its own data folder and settings (so a developer's real data is never touched).
function(helpdesk_add_test name)
    cmake_parse_arguments(arg "GUI" "" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${arg_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test helpdesk_test_flags ${arg_LIBS})
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
    add_test(NAME ${name} COMMAND ${name})
    set(env
        "QT_QPA_PLATFORM=offscreen"
        "HELPDESK_DATA_DIR=${CMAKE_CURRENT_BINARY_DIR}/${name}-data"
        "XDG_CONFIG_HOME=${CMAKE_CURRENT_BINARY_DIR}/${name}-config"
        "HELPDESK_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
        "HELPDESK_SHARED_DIR=${PROJECT_SOURCE_DIR}/../shared"
        "LANG=C.UTF-8")
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "${env}" TIMEOUT 300)
endfunction()

# helpdesk_add_postgres_variant(<name>)
# Registers <name>_pg: the same executable with its server database on PostgreSQL
# (HELPDESK_TEST_BACKEND=postgresql; tests/support/testdatabase.h makes a fresh database on the
# server HELPDESK_TEST_PG names, which scripts/test.sh starts). Without HELPDESK_TEST_PG the
# variant exits 77 and is reported as skipped; CI always sets it.
function(helpdesk_add_postgres_variant name)
    add_test(NAME ${name}_pg COMMAND ${name})
    get_test_property(${name} ENVIRONMENT env)
    list(APPEND env "HELPDESK_TEST_BACKEND=postgresql")
    list(TRANSFORM env REPLACE "-data$" "-pg-data")
    list(TRANSFORM env REPLACE "-config$" "-pg-config")
    set_tests_properties(${name}_pg PROPERTIES ENVIRONMENT "${env}" TIMEOUT 300
        SKIP_RETURN_CODE 77 LABELS postgresql)
endfunction()
