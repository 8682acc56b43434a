export type TeammateModeLabel = 'offline' | 'model';
