#pragma once
// Marks the symbols libmoshtari_core exports; everything else stays hidden.
#define MOSHTARI_API __attribute__((visibility("default")))
