/** Limits of a user's profile fields, shared by every DTO that takes them. */
export const USER_LIMITS = { displayNameMax: 100 } as const;
