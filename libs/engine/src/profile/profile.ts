import type { Activity, City, Cluster, EntityType, Qualification, RdCenter } from './profile-enums';

/** CONTRACT §1. Every field is optional: absent means unknown, never zero. */
export interface EnterpriseProfile {
  creditCode?: string;
  name?: string;
  city?: City;
  fiscalYear?: number;
  entityType?: EntityType;
  clusters?: Cluster[];
  employees?: number;
  revenue?: number;
  rdExpense?: number;
  exportValue?: number;
  qualifications?: Qualification[];
  listed?: boolean;
  inventionPatents?: number;
  domesticInstrumentPurchases?: number;
  firstSetEquipment?: boolean;
  rdCenters?: RdCenter[];
  activities?: Activity[];
  parkId?: string;
  /** 应纳税所得额, 元: for tax-saving estimates. */
  taxableIncome?: number;
  /** 技术转让所得, 元 (incl. licences of 5 years or more). */
  techTransferIncome?: number;
  foreignInvested?: boolean;
  /** 首台（套）产品销售合同金额, 元: for the premium-subsidy estimate. */
  firstSetContractValue?: number;
}
