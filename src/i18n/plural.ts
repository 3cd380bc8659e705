/**
 * The shape a translation fills in: every key of the English catalogue, with a string wherever English
 * has one. A plural key (`key_one` / `key_other`) may also take the forms English does not use but
 * Spanish and French do (`key_many`, for 1,000,000 and the like); test/unit/i18n checks that each
 * language has exactly the forms its plural rules ask for.
 */
export type Translated<T> = {
  [K in keyof T]: T[K] extends string ? string : Translated<T[K]>;
} & {
  [K in keyof T as K extends `${infer Base}_other` ? `${Base}_many` : never]?: string;
};
