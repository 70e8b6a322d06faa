#pragma once
namespace bramble {
inline constexpr const char* kBrambleVersion = "0.1.0";
}
