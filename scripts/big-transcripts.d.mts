export declare function manyCuesVtt(count: number, cueMs?: number): string
export declare function whisperJson(bytes: number): { text: string; segments: number }
export declare function silentWav(seconds: number): Buffer
