/**
 * Request/response members of the four MedicalScribe operations as they travel on the wire
 * (AWS JSON 1.1): PascalCase members, timestamps as epoch seconds. Only what the emulator reads
 * or writes is typed; the validator checks the raw JSON against these before anything trusts it.
 */
export const JOB_STATUSES = ['QUEUED', 'IN_PROGRESS', 'FAILED', 'COMPLETED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const NOTE_TEMPLATES = ['HISTORY_AND_PHYSICAL', 'GIRPP', 'BIRP', 'SIRP', 'DAP', 'BEHAVIORAL_SOAP', 'PHYSICAL_SOAP'] as const;

export interface WireSettings {
  ShowSpeakerLabels?: boolean;
  MaxSpeakerLabels?: number;
  ChannelIdentification?: boolean;
  VocabularyName?: string;
  VocabularyFilterName?: string;
  VocabularyFilterMethod?: string;
  ClinicalNoteGenerationSettings?: { NoteTemplate?: string };
}

export interface WireChannelDefinition {
  ChannelId: number;
  ParticipantRole: string;
}

export interface WireTag {
  Key: string;
  Value: string;
}

export interface StartMedicalScribeJobWire {
  MedicalScribeJobName: string;
  Media: { MediaFileUri: string; RedactedMediaFileUri?: string };
  OutputBucketName: string;
  OutputEncryptionKMSKeyId?: string;
  KMSEncryptionContext?: Record<string, string>;
  DataAccessRoleArn: string;
  Settings: WireSettings;
  ChannelDefinitions?: WireChannelDefinition[];
  Tags?: WireTag[];
  MedicalScribeContext?: { PatientContext?: { Pronouns?: string } };
}

export interface MedicalScribeJobWire {
  MedicalScribeJobName: string;
  MedicalScribeJobStatus: JobStatus;
  LanguageCode: 'en-US';
  Media: { MediaFileUri: string };
  MedicalScribeOutput?: { TranscriptFileUri: string; ClinicalDocumentUri: string };
  StartTime?: number;
  CreationTime: number;
  CompletionTime?: number;
  FailureReason?: string;
  Settings: WireSettings;
  DataAccessRoleArn: string;
  ChannelDefinitions?: WireChannelDefinition[];
  Tags?: WireTag[];
  MedicalScribeContextProvided: boolean;
}

export interface MedicalScribeJobSummaryWire {
  MedicalScribeJobName: string;
  CreationTime: number;
  StartTime?: number;
  CompletionTime?: number;
  LanguageCode: 'en-US';
  MedicalScribeJobStatus: JobStatus;
  FailureReason?: string;
}
