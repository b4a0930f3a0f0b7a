// Text typed into the app: control characters (NUL and the other C0 codes but tab, line feed and carriage return,
// and DEL) are never text of ours — PostgreSQL cannot store NUL, and no keyboard types the others.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const hasControlCharacter = (text: string): boolean => CONTROL.test(text);
