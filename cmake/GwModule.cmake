# gw_module(NAME SOURCES a.cpp b.cpp DEPS gw_base ...): one static library per module of src/gw.
# Dependencies are explicit, so a module that uses another it did not declare fails to link.
function(gw_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${M_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${M_DEPS})
  gw_set_warnings(${name})
endfunction()

# gw_test(NAME SOURCES ... DEPS ...): one test executable per module, discovered by ctest at run time.
function(gw_test name)
  cmake_parse_arguments(T "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  gw_set_warnings(${name})
  include(GoogleTest)
  set(properties ENVIRONMENT "GW_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
  if(T_LABELS)
    list(APPEND properties LABELS "${T_LABELS}")
  endif()
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST PROPERTIES ${properties})
endfunction()
