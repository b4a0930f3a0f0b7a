// npm run create-admin -- <username> "<Họ và tên>"   (password read from ADMIN_PASSWORD or asked on the terminal)
import readline from 'node:readline/promises';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { createSystemAdmin } from '../seed/seed.ts';
import { findAccountByUsername } from '../repositories/accounts.ts';
import { MIN_PASSWORD_LENGTH } from '../services/passwords.ts';

const [username, displayName = 'Quản trị hệ thống'] = process.argv.slice(2);
if (!username || !/^[a-z0-9._-]{3,40}$/.test(username)) {
  console.error('Cách dùng: npm run create-admin -- <tên-đăng-nhập> "<Họ và tên>"  (mật khẩu: biến ADMIN_PASSWORD hoặc nhập khi được hỏi)');
  process.exit(2);
}
let password = process.env.ADMIN_PASSWORD ?? '';
if (!password) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question(`Mật khẩu cho ${username} (ít nhất ${MIN_PASSWORD_LENGTH} ký tự): `);
  rl.close();
}
if (password.length < MIN_PASSWORD_LENGTH) {
  console.error(`Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`);
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, lockPurpose: 'tạo tài khoản quản trị (npm run create-admin)' });
try {
  if (await findAccountByUsername(database.db, username)) {
    console.error(`Tên đăng nhập ${username} đã tồn tại.`);
    process.exitCode = 1;
  } else {
    await createSystemAdmin(database, username, displayName, password);
    console.log(`Đã tạo tài khoản quản trị hệ thống ${username}.`);
  }
} finally {
  await database.close();
}
