/**
 * Sample citizens of the development identity issuer (demo and tests only: invented people, real
 * administrative-unit codes). Records use the prefill vocabulary of docs/architecture.md; an address is
 * `{ country, province, commune, street }` (2-digit province code, 5-digit commune code).
 */

import type * as Contract from 'dvc-forms/runtime/contract.js';

/** An address in the prefill record. */
export interface PrefillAddress {
  country: string;
  province: string;
  commune: string;
  street: string;
}

/** A value of the prefill record. */
export type PrefillValue = string | PrefillAddress;

/** A reusable digitised document (kho dữ liệu) of the citizen: the contract's `CitizenDocument`. */
export type CitizenDocument = Contract.CitizenDocument;

/** One sample citizen. */
export interface SampleCitizen {
  /** Token subject. */
  sub: string;
  /** VNeID assurance level (1 self-registered, 2 verified in person). */
  level: 1 | 2;
  prefill: Record<string, PrefillValue>;
  documents: CitizenDocument[];
}

const addr = (province: string, commune: string, street: string): PrefillAddress => ({
  country: 'VN',
  province,
  commune,
  street,
});

/** The sample citizens. ID numbers follow the CCCD structure (province, century/sex, birth year). */
export const SAMPLE_CITIZENS: readonly SampleCitizen[] = [
  {
    sub: 'dev-citizen-001',
    level: 2,
    prefill: {
      'citizen.fullName': 'NGUYỄN THỊ LAN',
      'citizen.idNumber': '001195012345',
      'citizen.dateOfBirth': '1995-03-14',
      'citizen.sex': 'female',
      'citizen.ethnicity': 'Kinh',
      'citizen.nationality': 'VN',
      'citizen.religion': 'Không',
      'citizen.hometown': 'Xã Phù Đổng, Thành phố Hà Nội',
      'citizen.placeOfBirth': 'Bệnh viện Phụ sản Hà Nội, Thành phố Hà Nội',
      'citizen.permanentAddress': addr('01', '00004', 'Số 12 ngõ 45 phố Đội Cấn'),
      'citizen.temporaryAddress': addr('01', '00008', 'Phòng 804, 22 Liễu Giai'),
      'citizen.currentAddress': addr('01', '00008', 'Phòng 804, 22 Liễu Giai'),
      'citizen.phone': '0912345678',
      'citizen.email': 'lan.nguyen@example.vn',
      'citizen.maritalStatus': 'married',
      'citizen.father.fullName': 'NGUYỄN VĂN HÙNG',
      'citizen.father.idNumber': '001065004321',
      'citizen.father.dateOfBirth': '1965-08-02',
      'citizen.mother.fullName': 'TRẦN THỊ MAI',
      'citizen.mother.idNumber': '001167009876',
      'citizen.mother.dateOfBirth': '1967-11-20',
      'citizen.spouse.fullName': 'LÊ MINH TUẤN',
      'citizen.spouse.idNumber': '001093011122',
      'citizen.spouse.dateOfBirth': '1993-06-30',
      'citizen.householdHead.fullName': 'LÊ MINH TUẤN',
      'citizen.householdHead.idNumber': '001093011122',
      'citizen.householdHead.relationship': 'spouse',
    },
    documents: [
      {
        id: 'doc-001-cccd',
        documentType: 'cccd',
        title: { vi: 'Thẻ căn cước công dân', en: 'Citizen identity card' },
        issuedAt: '2021-04-10',
      },
      {
        id: 'doc-001-marriage',
        documentType: 'marriage-certificate',
        title: { vi: 'Giấy chứng nhận kết hôn', en: 'Marriage certificate' },
        issuedAt: '2022-10-08',
      },
    ],
  },
  {
    sub: 'dev-citizen-002',
    level: 2,
    prefill: {
      'citizen.fullName': 'TRẦN VĂN BÌNH',
      'citizen.idNumber': '079088001234',
      'citizen.dateOfBirth': '1988-12-01',
      'citizen.sex': 'male',
      'citizen.ethnicity': 'Kinh',
      'citizen.nationality': 'VN',
      'citizen.religion': 'Phật giáo',
      'citizen.hometown': 'Phường Thủ Dầu Một, Thành phố Hồ Chí Minh',
      'citizen.placeOfBirth': 'Thành phố Hồ Chí Minh',
      'citizen.permanentAddress': addr('79', '25747', '88 Yersin'),
      'citizen.temporaryAddress': addr('79', '25750', '15 đường số 7'),
      'citizen.currentAddress': addr('79', '25747', '88 Yersin'),
      'citizen.phone': '0987654321',
      'citizen.email': 'binh.tran@example.vn',
      'citizen.maritalStatus': 'single',
      'citizen.father.fullName': 'TRẦN VĂN NAM',
      'citizen.father.idNumber': '079058002222',
      'citizen.father.dateOfBirth': '1958-01-15',
      'citizen.mother.fullName': 'PHẠM THỊ HOA',
      'citizen.mother.idNumber': '079161003333',
      'citizen.mother.dateOfBirth': '1961-09-09',
      'citizen.householdHead.fullName': 'TRẦN VĂN NAM',
      'citizen.householdHead.idNumber': '079058002222',
      'citizen.householdHead.relationship': 'child',
    },
    documents: [
      {
        id: 'doc-002-cccd',
        documentType: 'cccd',
        title: { vi: 'Thẻ căn cước công dân', en: 'Citizen identity card' },
        issuedAt: '2021-07-22',
      },
      {
        id: 'doc-002-degree',
        documentType: 'university-degree',
        title: { vi: 'Bằng tốt nghiệp đại học', en: 'University degree' },
        issuedAt: '2010-06-30',
      },
    ],
  },
  {
    sub: 'dev-citizen-003',
    level: 2,
    prefill: {
      'citizen.fullName': 'LÊ THỊ THU HÀ',
      'citizen.idNumber': '048301005678',
      'citizen.dateOfBirth': '2001-05-19',
      'citizen.sex': 'female',
      'citizen.ethnicity': 'Kinh',
      'citizen.nationality': 'VN',
      'citizen.religion': 'Công giáo',
      'citizen.hometown': 'Phường Hải Vân, Thành phố Đà Nẵng',
      'citizen.placeOfBirth': 'Thành phố Đà Nẵng',
      'citizen.permanentAddress': addr('48', '20194', '27 Nguyễn Lương Bằng'),
      'citizen.temporaryAddress': addr('01', '00025', 'Ký túc xá, 1 Giảng Võ'),
      'citizen.currentAddress': addr('01', '00025', 'Ký túc xá, 1 Giảng Võ'),
      'citizen.phone': '0905111222',
      'citizen.email': 'thuha.le@example.vn',
      'citizen.maritalStatus': 'single',
      'citizen.father.fullName': 'LÊ VĂN ĐỨC',
      'citizen.father.idNumber': '048070006666',
      'citizen.father.dateOfBirth': '1970-02-11',
      'citizen.mother.fullName': 'HOÀNG THỊ NGA',
      'citizen.mother.idNumber': '048173007777',
      'citizen.mother.dateOfBirth': '1973-04-25',
      'citizen.householdHead.fullName': 'LÊ VĂN ĐỨC',
      'citizen.householdHead.idNumber': '048070006666',
      'citizen.householdHead.relationship': 'child',
    },
    documents: [
      {
        id: 'doc-003-cccd',
        documentType: 'cccd',
        title: { vi: 'Thẻ căn cước công dân', en: 'Citizen identity card' },
        issuedAt: '2021-05-20',
      },
    ],
  },
  {
    sub: 'dev-citizen-004',
    level: 1,
    prefill: {
      'citizen.fullName': 'PHẠM QUỐC VIỆT',
      'citizen.idNumber': '031052008899',
      'citizen.dateOfBirth': '1952-10-10',
      'citizen.sex': 'male',
      'citizen.ethnicity': 'Kinh',
      'citizen.nationality': 'VN',
      'citizen.religion': 'Không',
      'citizen.hometown': 'Phường Hải Dương, Thành phố Hải Phòng',
      'citizen.placeOfBirth': 'Hải Dương',
      'citizen.permanentAddress': addr('31', '10525', '5 Trần Hưng Đạo'),
      'citizen.temporaryAddress': addr('31', '10525', '5 Trần Hưng Đạo'),
      'citizen.currentAddress': addr('31', '10525', '5 Trần Hưng Đạo'),
      'citizen.phone': '0936000111',
      'citizen.email': 'viet.pham@example.vn',
      'citizen.maritalStatus': 'widowed',
      'citizen.father.fullName': 'PHẠM VĂN LỘC',
      'citizen.father.idNumber': '031025000001',
      'citizen.father.dateOfBirth': '1925-01-01',
      'citizen.mother.fullName': 'ĐỖ THỊ XUÂN',
      'citizen.mother.idNumber': '031128000002',
      'citizen.mother.dateOfBirth': '1928-03-03',
      'citizen.householdHead.fullName': 'PHẠM QUỐC VIỆT',
      'citizen.householdHead.idNumber': '031052008899',
      'citizen.householdHead.relationship': 'self',
    },
    documents: [
      {
        id: 'doc-004-cmnd',
        documentType: 'cmnd',
        title: { vi: 'Chứng minh nhân dân (cũ)', en: 'Old identity card (CMND)' },
        issuedAt: '2005-09-12',
      },
    ],
  },
];

/** Finds a sample citizen by token subject. */
export function findSampleCitizen(sub: string): SampleCitizen | undefined {
  return SAMPLE_CITIZENS.find((c) => c.sub === sub);
}
