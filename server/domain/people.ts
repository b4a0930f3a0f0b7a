// People as the papers name them: the genders the register records and the honorific before a full name
// ("Ông Lò Văn Thắng", "Bà Lê Thị Thu Hà"). Pure: the recorded gender comes in.

export const GENDERS = ['nam', 'nữ'] as const;
export type Gender = (typeof GENDERS)[number];
export type Honorific = 'Ông' | 'Bà';

/**
 * NĐ 30/2020/NĐ-CP Phụ lục I and III (decisions on people, giấy mời, biên bản name a person "Ông/Bà" before the
 * full name): a woman ("nữ") reads "Bà", anything else — including an unknown gender — "Ông", as the papers did by hand.
 */
export function honorificOf(gender: string | null | undefined): Honorific {
  return gender === 'nữ' ? 'Bà' : 'Ông';
}
