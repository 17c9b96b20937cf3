# Warning and sanitizer flags, applied to our own targets only (never to generated or third-party code).
function(gw_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Woverloaded-virtual -Wcast-align -Wformat=2 -Wimplicit-fallthrough
    -Wmisleading-indentation)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wduplicated-cond -Wlogical-op
      -Wno-error=restrict -Wno-error=stringop-overflow -Wno-error=array-bounds
      # GCC 12 at -O2 misreads Asio's recycling coroutine-frame allocator (false positive).
      -Wno-mismatched-new-delete)
  endif()
  if(GW_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(GW_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 flags std::variant moves as maybe-uninitialized under -fsanitize (false positive).
    target_compile_options(${target} PRIVATE -Wno-error=maybe-uninitialized)
  endif()
  target_compile_definitions(${target} PRIVATE $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)
endfunction()

if(GW_SANITIZE)
  add_compile_options(-fsanitize=${GW_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${GW_SANITIZE})
endif()
