// Why a signing certificate or a signing request is refused, with the Vietnamese message the user reads.

export type SigningRefusal =
  | 'NOT_A_P12'
  | 'WRONG_PASSWORD'
  | 'NO_KEY'
  | 'UNSUPPORTED_KEY'
  | 'EXPIRED'
  | 'NOT_YET_VALID';

export const SIGNING_MESSAGES: Record<SigningRefusal, string> = {
  NOT_A_P12: 'Tệp tải lên không phải tệp chữ ký số PKCS#12 (.p12, .pfx) hoặc tệp đã bị hỏng.',
  WRONG_PASSWORD: 'Mật khẩu của tệp chữ ký số không đúng.',
  NO_KEY: 'Tệp chữ ký số không chứa khóa bí mật cùng chứng thư số tương ứng.',
  UNSUPPORTED_KEY: 'Khóa trong tệp chữ ký số không phải khóa RSA; hệ thống chưa hỗ trợ loại khóa này.',
  EXPIRED: 'Chứng thư số đã hết hạn.',
  NOT_YET_VALID: 'Chứng thư số chưa đến ngày có hiệu lực.',
};

/** Thrown by signPdf when it is asked to sign with a certificate that inspectP12 would refuse. */
export class SigningError extends Error {
  constructor(public readonly reason: SigningRefusal) {
    super(SIGNING_MESSAGES[reason]);
    this.name = 'SigningError';
  }
}
