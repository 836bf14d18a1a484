import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly, IsOptionalNotNull, TrimToUndefined } from '../../platform/http/validators';
import {
  ANSWER_CHANNELS,
  AnswerChannel,
  APPEAL_TYPES,
  AppealType,
  Channel,
  CHANNELS,
  PARTY_KINDS,
  PartyKind,
  Regime,
  REGIMES,
} from '../domain/appeal-types';

/** Size limits keep one appeal bounded (DEVELOPERS.md "Security": limit sizes). */
export const LIMITS = {
  subject: 300,
  text: 20_000,
  name: 200,
  organisation: 300,
  address: 500,
  phone: 40,
  coApplicants: 100,
  respondentOfficial: 300,
  authorityDocument: 500,
} as const;

export class PartyDto {
  @IsIn(PARTY_KINDS)
  kind: PartyKind;

  /** Name, patronymic and surname of a natural person (Art. 6.3). */
  @ApiPropertyOptional({ maxLength: LIMITS.name })
  @IsOptional()
  @TrimToUndefined()
  @IsString()
  @MaxLength(LIMITS.name)
  fullName?: string;

  /** Name of a legal person (Art. 6.3). */
  @ApiPropertyOptional({ maxLength: LIMITS.organisation })
  @IsOptional()
  @TrimToUndefined()
  @IsString()
  @MaxLength(LIMITS.organisation)
  organisationName?: string;

  /** Residence or workplace; legal address for a legal person. */
  @ApiPropertyOptional({ maxLength: LIMITS.address })
  @IsOptional()
  @TrimToUndefined()
  @IsString()
  @MaxLength(LIMITS.address)
  address?: string;

  @IsOptional()
  @TrimToUndefined()
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.phone })
  @IsOptional()
  @TrimToUndefined()
  @Matches(/^\+?[0-9 ()-]{5,40}$/, { message: 'phone must be digits, spaces, brackets or dashes' })
  @MaxLength(LIMITS.phone)
  phone?: string;
}

/** Art. 6.2 / appeals-rules.md 1: a representative states name, address and proof of authority. */
export class RepresentativeDto {
  @ApiProperty({ maxLength: LIMITS.name })
  @TrimToUndefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.name)
  fullName: string;

  @ApiProperty({ maxLength: LIMITS.address })
  @TrimToUndefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.address)
  address: string;

  /** The power of attorney or other proof (its number and date; the scan goes in as an attachment). */
  @ApiProperty({ maxLength: LIMITS.authorityDocument })
  @TrimToUndefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.authorityDocument)
  authorityDocument: string;

  /** Notices and the answer then go to the representative too (and to the applicant's own e-mail). */
  @IsOptional()
  @TrimToUndefined()
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email?: string;
}

export class CreateAppealDto {
  @IsIn(APPEAL_TYPES)
  type: AppealType;

  /** The addressee agency (Art. 6.3). */
  @IsUUID()
  agencyId: string;

  @ApiProperty({ minLength: 3, maxLength: LIMITS.subject })
  @TrimToUndefined()
  @IsString()
  @Length(3, LIMITS.subject)
  subject: string;

  @ApiProperty({ minLength: 10, maxLength: LIMITS.text })
  @TrimToUndefined()
  @IsString()
  @Length(10, LIMITS.text)
  text: string;

  // ValidateNested alone skips a missing object (a 500 later) and walks an array given for one.
  @IsObject()
  @ValidateNested()
  @Type(() => PartyDto)
  applicant: PartyDto;

  /** A collective appeal: two or more applicants. */
  @ApiPropertyOptional({ type: [PartyDto], maxItems: LIMITS.coApplicants })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(LIMITS.coApplicants)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PartyDto)
  coApplicants?: PartyDto[];

  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => RepresentativeDto)
  representative?: RepresentativeDto;

  /** A complaint's agency complained about (Administrative Offences Code 594-1.1.2). */
  @IsOptional()
  @IsUUID()
  respondentAgencyId?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.respondentOfficial })
  @IsOptional()
  @TrimToUndefined()
  @IsString()
  @MaxLength(LIMITS.respondentOfficial)
  respondentOfficial?: string;

  /**
   * Staff only: the account of the official complained about (AOC 594-1.1.2, 594-1.1.4). That user
   * never sees the complaint; a citizen names the official in `respondentOfficial` instead.
   */
  @IsOptional()
  @IsUUID()
  respondentOfficialId?: string;

  /** The e-service (from the catalogue) the appeal is about; it counts against that service. */
  @IsOptional()
  @IsUUID()
  eServiceId?: string;

  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  /** Receipt date for appeals registered by staff (deadlines run from it); not in the future. */
  @IsOptional()
  @IsDateOnly()
  receivedOn?: string;

  /** The applicant's request (appeals-rules.md 10): applies at once; staff confirm or change it. */
  @IsOptional()
  @IsIn(REGIMES)
  regime?: Regime;

  /** How the answer is sent (Art. 7.6); default: e-mail for an electronic appeal with an e-mail, else post. */
  @IsOptional()
  @IsIn(ANSWER_CHANNELS)
  answerChannel?: AnswerChannel;

  @IsOptional()
  @IsBoolean()
  confidential?: boolean;
}
