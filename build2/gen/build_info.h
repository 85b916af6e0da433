#define OD_BUILD_INFO ""
