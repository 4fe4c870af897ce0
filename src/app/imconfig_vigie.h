// Dear ImGui build options for the page (IMGUI_USER_CONFIG). 32-bit draw indices: the world
// map alone has ~98,000 vertices, past what 16-bit indices reach in one draw list, and WebGL 2
// has no base-vertex draw for ImGui to split with.
#pragma once
#define ImDrawIdx unsigned int
