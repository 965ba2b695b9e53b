import { PROFILE_FIELDS } from '@app/engine';
import { ProfileFieldDoc, ValidatedByEngine } from '../../common/validation';

/**
 * CONTRACT §1, the enterprise profile, as OpenAPI describes it. Every field is optional: absent (or null) means
 * unknown. Amounts are in 元 (CNY yuan), at most 10^15. No validation decorators: ProfilePipe hands the body to
 * the engine's validateProfile, the one validator the batch reader and the web form use too.
 */
@ValidatedByEngine()
export class ProfileDto {
  @ProfileFieldDoc(PROFILE_FIELDS.creditCode) creditCode?: string;
  @ProfileFieldDoc(PROFILE_FIELDS.name) name?: string;
  @ProfileFieldDoc(PROFILE_FIELDS.city) city?: string;
  @ProfileFieldDoc(PROFILE_FIELDS.fiscalYear) fiscalYear?: number;
  @ProfileFieldDoc(PROFILE_FIELDS.entityType) entityType?: string;
  @ProfileFieldDoc(PROFILE_FIELDS.clusters) clusters?: string[];
  @ProfileFieldDoc(PROFILE_FIELDS.employees) employees?: number;
  /** 营业收入, 元 */
  @ProfileFieldDoc(PROFILE_FIELDS.revenue) revenue?: number;
  /** 研发费用, 元 */
  @ProfileFieldDoc(PROFILE_FIELDS.rdExpense) rdExpense?: number;
  /** 出口交货值, 元 */
  @ProfileFieldDoc(PROFILE_FIELDS.exportValue) exportValue?: number;
  @ProfileFieldDoc(PROFILE_FIELDS.qualifications) qualifications?: string[];
  @ProfileFieldDoc(PROFILE_FIELDS.listed) listed?: boolean;
  @ProfileFieldDoc(PROFILE_FIELDS.inventionPatents) inventionPatents?: number;
  /** 当年采购国产仪器设备金额, 元 */
  @ProfileFieldDoc(PROFILE_FIELDS.domesticInstrumentPurchases) domesticInstrumentPurchases?: number;
  @ProfileFieldDoc(PROFILE_FIELDS.firstSetEquipment) firstSetEquipment?: boolean;
  @ProfileFieldDoc(PROFILE_FIELDS.rdCenters) rdCenters?: string[];
  @ProfileFieldDoc(PROFILE_FIELDS.activities) activities?: string[];
  @ProfileFieldDoc(PROFILE_FIELDS.parkId) parkId?: string;
  /** 应纳税所得额, 元 */
  @ProfileFieldDoc(PROFILE_FIELDS.taxableIncome) taxableIncome?: number;
  /** 技术转让所得, 元 */
  @ProfileFieldDoc(PROFILE_FIELDS.techTransferIncome) techTransferIncome?: number;
  @ProfileFieldDoc(PROFILE_FIELDS.foreignInvested) foreignInvested?: boolean;
  /** 首台（套）产品销售合同金额, 元 */
  @ProfileFieldDoc(PROFILE_FIELDS.firstSetContractValue) firstSetContractValue?: number;
}
