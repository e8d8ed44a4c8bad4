// What a plan does to the group claims of users' ID tokens, as data on the plan (the renderers word it).
export {};
