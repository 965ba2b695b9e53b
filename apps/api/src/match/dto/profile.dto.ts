import { PROFILE_FIELDS } from '@app/engine';
import { ProfileField } from '../../common/validation';

/**
 * CONTRACT §1, the enterprise profile. Every field is optional: absent (or null) means unknown.
 * Amounts are in 元 (CNY yuan). Decorators come from the engine's field table, so the API, the batch
 * reader and the web form agree on every rule.
 */
export class ProfileDto {
  @ProfileField(PROFILE_FIELDS.creditCode) creditCode?: string;
  @ProfileField(PROFILE_FIELDS.name) name?: string;
  @ProfileField(PROFILE_FIELDS.city) city?: string;
  @ProfileField(PROFILE_FIELDS.fiscalYear) fiscalYear?: number;
  @ProfileField(PROFILE_FIELDS.entityType) entityType?: string;
  @ProfileField(PROFILE_FIELDS.clusters) clusters?: string[];
  @ProfileField(PROFILE_FIELDS.employees) employees?: number;
  /** 营业收入, 元 */
  @ProfileField(PROFILE_FIELDS.revenue) revenue?: number;
  /** 研发费用, 元 */
  @ProfileField(PROFILE_FIELDS.rdExpense) rdExpense?: number;
  /** 出口交货值, 元 */
  @ProfileField(PROFILE_FIELDS.exportValue) exportValue?: number;
  @ProfileField(PROFILE_FIELDS.qualifications) qualifications?: string[];
  @ProfileField(PROFILE_FIELDS.listed) listed?: boolean;
  @ProfileField(PROFILE_FIELDS.inventionPatents) inventionPatents?: number;
  /** 当年采购国产仪器设备金额, 元 */
  @ProfileField(PROFILE_FIELDS.domesticInstrumentPurchases) domesticInstrumentPurchases?: number;
  @ProfileField(PROFILE_FIELDS.firstSetEquipment) firstSetEquipment?: boolean;
  @ProfileField(PROFILE_FIELDS.rdCenters) rdCenters?: string[];
  @ProfileField(PROFILE_FIELDS.activities) activities?: string[];
  @ProfileField(PROFILE_FIELDS.parkId) parkId?: string;
  /** 应纳税所得额, 元 */
  @ProfileField(PROFILE_FIELDS.taxableIncome) taxableIncome?: number;
  /** 技术转让所得, 元 */
  @ProfileField(PROFILE_FIELDS.techTransferIncome) techTransferIncome?: number;
  @ProfileField(PROFILE_FIELDS.foreignInvested) foreignInvested?: boolean;
  /** 首台（套）产品销售合同金额, 元 */
  @ProfileField(PROFILE_FIELDS.firstSetContractValue) firstSetContractValue?: number;
}
