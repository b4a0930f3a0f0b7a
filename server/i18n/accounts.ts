// Log-in, sessions and two-factor sign-in.
/** A wait as a person reads it: "45 giây", "2 phút", "1 giờ 5 phút". */
export function waitText(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 90) return `${s} giây`;
  const minutes = Math.ceil(s / 60);
  if (minutes < 60) return `${minutes} phút`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} giờ ${m} phút` : `${h} giờ`;
}

export const authMsg = {
  loginThrottled: (seconds: number) => `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${waitText(seconds)}.`,
  codeThrottled: (seconds: number) => `Nhập sai mã quá nhiều lần. Vui lòng thử lại sau ${waitText(seconds)}.`,
  passwordThrottled: (seconds: number) => `Nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau ${waitText(seconds)}.`,
  secondStepExpired: 'Bước đăng nhập đã hết hạn. Vui lòng nhập lại tên đăng nhập và mật khẩu.',
  codeRequired: 'Vui lòng nhập mã 6 chữ số trên ứng dụng xác thực, hoặc một mã khôi phục.',
  codeWrong: 'Mã xác thực không đúng hoặc đã được dùng. Vui lòng nhập mã đang hiện trên ứng dụng.',
  currentPasswordWrong: 'Mật khẩu hiện tại không đúng.',
  passwordSameAsCurrent: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
  passwordChanged: 'Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã được kết thúc.',
  sessionEnded: 'Đã kết thúc phiên đăng nhập.',
  otherSessionsEnded: (n: number) => (n ? `Đã kết thúc ${n} phiên đăng nhập khác.` : 'Không có phiên đăng nhập nào khác.'),
  sessionGone: 'Phiên đăng nhập này không còn (đã đăng xuất hoặc hết hạn).',
  totpEnabled: 'Đã bật xác thực hai bước. Hãy cất các mã khôi phục ở nơi an toàn.',
  totpDisabled: 'Đã tắt xác thực hai bước.',
  totpAlreadyOn: 'Xác thực hai bước đã được bật cho tài khoản này.',
  totpNotOn: 'Xác thực hai bước chưa được bật.',
  totpEnrolExpired: 'Mã bí mật vừa tạo không còn; vui lòng quét lại mã QR mới.',
  totpRequired: 'Tài khoản quản trị phải bật xác thực hai bước trước khi làm việc tiếp.',
  totpRequiredCannotDisable: 'Tài khoản quản trị bắt buộc dùng xác thực hai bước nên không tắt được. Có thể bật lại với điện thoại mới.',
  totpReset: 'Đã tắt xác thực hai bước của tài khoản; người dùng cần bật lại.',
  recoveryCodeUsed: (left: number) => `Bạn vừa đăng nhập bằng một mã khôi phục; còn ${left} mã chưa dùng.`,
};
