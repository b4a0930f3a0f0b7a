// The interface's shared words: labels of bodies and roles, and the messages every form uses.
import type { ZipProblem } from '../domain/file-type.ts';

export const bodyKindLabels: Record<string, string> = {
  party_committee: 'Ban Chấp hành Đảng bộ',
  party_standing_committee: 'Ban Thường vụ Đảng ủy',
  party_standing_board: 'Thường trực Đảng ủy',
  people_council: 'Hội đồng nhân dân',
  council_standing_board: 'Thường trực HĐND',
  council_committee: 'Ban của HĐND',
  people_committee: 'Ủy ban nhân dân',
  department: 'Phòng, ban chuyên môn thuộc UBND',
  fatherland_front: 'Ủy ban MTTQ Việt Nam',
};

export const roleLabels: Record<string, string> = {
  system_admin: 'Quản trị hệ thống',
  commune_admin: 'Quản trị xã',
  office_staff: 'Cán bộ văn phòng',
  secretary: 'Thư ký',
  signer: 'Lãnh đạo ký văn bản',
  member: 'Thành viên (đại biểu)',
};

export const membershipRoleLabels: Record<string, string> = {
  head: 'Người đứng đầu',
  deputy: 'Cấp phó',
  member: 'Thành viên',
};

export const communeKinds = ['xã', 'phường', 'đặc khu'] as const;

export const msg = {
  required: 'Vui lòng nhập thông tin này.',
  tooLong: (max: number) => `Không được dài quá ${max} ký tự.`,
  invalidDate: 'Ngày không hợp lệ (định dạng năm-tháng-ngày, ví dụ 2026-03-25).',
  invalidNumber: 'Vui lòng nhập một số hợp lệ.',
  invalidChoice: 'Vui lòng chọn một giá trị trong danh sách.',
  communeCode: 'Mã xã gồm đúng 5 chữ số (theo Quyết định 19/2025/QĐ-TTg).',
  communeCodeTaken: 'Mã đơn vị hành chính này đã được dùng cho một xã khác.',
  usernameFormat: 'Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.',
  usernameTaken: 'Tên đăng nhập này đã có người dùng.',
  passwordShort: (min: number) => `Mật khẩu cần ít nhất ${min} ký tự.`,
  passwordMismatch: 'Hai lần nhập mật khẩu không khớp.',
  endBeforeStart: 'Ngày kết thúc phải sau ngày bắt đầu.',
  termOverlap: 'Nhiệm kỳ này trùng thời gian với một nhiệm kỳ đã có của cơ quan.',
  membershipOverlap: 'Người này đã giữ một chức vụ trong cơ quan này trong khoảng thời gian đó. Hãy kết thúc chức vụ cũ trước.',
  membershipOutsideTerm: 'Ngày bắt đầu nằm ngoài nhiệm kỳ của cơ quan.',
  membershipAlreadyEnded: 'Chức vụ này đã kết thúc; lịch sử không được sửa. Hãy thêm một chức vụ mới nếu cần.',
  bodyRoleNeedsBody: 'Vai trò Thư ký và Lãnh đạo ký văn bản phải gắn với ít nhất một cơ quan.',
  memberNeedsPerson: 'Tài khoản thành viên phải gắn với một người trong danh sách nhân sự.',
  staleVersion: 'Bản ghi này vừa được người khác thay đổi. Vui lòng tải lại trang để xem bản mới nhất rồi sửa lại.',
  loginFailed: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  csrf: 'Phiên làm việc của biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và gửi lại.',
  notFound: 'Không tìm thấy trang hoặc bản ghi này.',
  forbidden: 'Bạn không có quyền thực hiện thao tác này.',
  serverError: 'Hệ thống gặp lỗi ngoài dự kiến. Thao tác chưa được lưu; vui lòng thử lại.',
  payloadTooLarge: 'Dữ liệu gửi lên quá lớn.',
  badRequest: 'Yêu cầu không hợp lệ.',
  controlCharacters: 'Dữ liệu gửi lên có ký tự điều khiển không hợp lệ (ví dụ ký tự NUL). Vui lòng gõ lại nội dung rồi gửi lại.',
  notText: 'Giá trị của ô này không hợp lệ.',
  malformedUpload: 'Biểu mẫu tải tệp bị lỗi hoặc không trọn vẹn. Vui lòng chọn lại tệp và gửi lại.',
  saved: 'Đã lưu.',
  created: 'Đã tạo.',
  loggedOut: 'Bạn đã đăng xuất.',
  cannotDeactivateSelf: 'Bạn không thể tự khóa tài khoản của chính mình.',
};

/** Why a typed text was refused (server/domain/text.ts), one message per reason. */
export const textProblemMessages: Record<'CONTROL' | 'LINE_BREAK' | 'TAB' | 'INVISIBLE' | 'BIDI', string> = {
  CONTROL: 'Nội dung có ký tự điều khiển không hợp lệ (ví dụ ký tự NUL). Vui lòng gõ lại rồi gửi lại.',
  LINE_BREAK: 'Ô này chỉ nhận một dòng: nội dung có dấu xuống dòng. Vui lòng viết liền trên một dòng.',
  TAB: 'Ô này chỉ nhận một dòng: nội dung có ký tự tab. Vui lòng thay bằng dấu cách.',
  INVISIBLE: 'Nội dung có ký tự vô hình (ví dụ ký tự độ rộng bằng 0), thường do sao chép từ nơi khác. Vui lòng gõ lại nội dung này.',
  BIDI: 'Nội dung có ký tự điều khiển chiều viết (phải sang trái), có thể làm văn bản hiển thị sai. Vui lòng gõ lại nội dung này.',
};

/** Why a DOCX or XLSX upload was refused from its ZIP entry table (server/domain/file-type.ts zipPackageProblem). */
export function zipProblemMessage(p: ZipProblem): string {
  const mb = (n: number) => Math.round(n / (1024 * 1024)).toLocaleString('vi-VN');
  switch (p.reason) {
    case 'MALFORMED': return 'Tệp Word/Excel bị hỏng hoặc không đọc được (cấu trúc nén không hợp lệ). Vui lòng lưu lại tệp từ Word/Excel rồi tải lên lại.';
    case 'UNSUPPORTED': return 'Tệp Word/Excel được nén hoặc mã hóa theo cách hệ thống không hỗ trợ (ví dụ đặt mật khẩu). Vui lòng bỏ mật khẩu, lưu lại tệp rồi tải lên lại.';
    case 'TOO_MANY_ENTRIES': return `Tệp Word/Excel chứa quá nhiều thành phần (${p.entries.toLocaleString('vi-VN')}). Tệp này không giống văn bản thông thường nên không được nhận.`;
    case 'TOO_LARGE': return `Tệp Word/Excel khi giải nén sẽ lớn hơn ${mb(p.bytes)} MB, vượt giới hạn cho phép. Vui lòng giảm dung lượng (ví dụ nén ảnh) rồi tải lên lại.`;
    case 'RATIO': return `Tệp Word/Excel có thành phần "${p.name}" nén bất thường (gấp ${p.ratio.toLocaleString('vi-VN')} lần khi giải nén): có thể là tệp độc hại nên không được nhận.`;
    case 'OVERLAP': return 'Tệp Word/Excel có các thành phần chồng lên nhau, một dấu hiệu của tệp độc hại, nên không được nhận.';
    default: {
      const unreachable: never = p;
      return unreachable;
    }
  }
}
