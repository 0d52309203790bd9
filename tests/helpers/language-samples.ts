/**
 * The same short phone call, written for these tests in four languages (each about 500 letters,
 * one line a segment), plus Catalan, which the detector does not know, and lines too short to tell.
 */
export const CALL_LINES = {
  es: [
    'Buenas tardes, ¿me escucha bien?',
    'Sí, le escucho perfectamente. ¿Quién habla?',
    'Soy de la oficina de derechos humanos. Quería preguntarle por el informe que enviaron la semana pasada.',
    'No lo hemos recibido todavía. El correo no llega desde hace días y nadie sabe por qué.',
    'Entonces se lo mandaré otra vez mañana por la mañana, con las fotografías y las cartas de los vecinos.',
    'Muy bien. Pero tenga cuidado, porque hay gente que escucha estas llamadas y después pregunta a todo el mundo.',
    'Lo entiendo. ¿Usted estuvo en la reunión del jueves con el alcalde?',
    'No, yo no pude ir. Mi hermano fue en mi lugar y me contó que el alcalde no quiso contestar ninguna pregunta.',
  ],
  fr: [
    'Bonjour, vous m’entendez bien ?',
    'Oui, très bien. Qui est à l’appareil ?',
    'Je travaille pour le bureau des droits de l’homme. Je voulais vous parler du rapport envoyé la semaine dernière.',
    'Nous ne l’avons toujours pas reçu. Le courrier n’arrive plus depuis plusieurs jours et personne ne sait pourquoi.',
    'Alors je vous le renverrai demain matin, avec les photographies et les lettres des voisins.',
    'Très bien. Mais faites attention, car il y a des gens qui écoutent ces appels et qui posent ensuite des questions à tout le monde.',
    'Je comprends. Vous étiez à la réunion de jeudi avec le maire ?',
    'Non, je n’ai pas pu y aller. Mon frère y est allé à ma place et il m’a dit que le maire n’a voulu répondre à aucune question.',
  ],
  de: [
    'Guten Tag, können Sie mich gut hören?',
    'Ja, ich höre Sie sehr gut. Wer spricht denn da?',
    'Ich arbeite für das Büro für Menschenrechte. Ich wollte Sie nach dem Bericht fragen, den Sie letzte Woche geschickt haben.',
    'Wir haben ihn noch immer nicht bekommen. Die Post kommt seit Tagen nicht an, und niemand weiß, warum.',
    'Dann schicke ich ihn Ihnen morgen früh noch einmal, mit den Fotos und den Briefen der Nachbarn.',
    'Sehr gut. Aber seien Sie vorsichtig, denn es gibt Leute, die diese Gespräche abhören und danach alle Leute ausfragen.',
    'Das verstehe ich. Waren Sie am Donnerstag bei der Versammlung mit dem Bürgermeister?',
    'Nein, ich konnte nicht hingehen. Mein Bruder war an meiner Stelle dort und hat mir erzählt, dass der Bürgermeister keine einzige Frage beantworten wollte.',
  ],
  en: [
    'Good afternoon, can you hear me all right?',
    'Yes, I can hear you very well. Who is speaking?',
    'I work for the human rights office. I wanted to ask you about the report that you sent last week.',
    'We still have not received it. The post has not arrived for several days and nobody knows why.',
    'Then I will send it to you again tomorrow morning, with the photographs and the letters from the neighbours.',
    'Very good. But be careful, because there are people who listen to these calls and then ask everybody questions.',
    'I understand. Were you at the meeting on Thursday with the mayor?',
    'No, I could not go. My brother went in my place and he told me that the mayor would not answer a single question.',
  ],
  /** Catalan: close to Spanish and Portuguese, and not among the languages the detector knows. */
  ca: [
    'Bona tarda, em sent bé?',
    'Sí, el sento perfectament. Qui parla?',
    "Treballo a l'oficina de drets humans. Volia preguntar-li per l'informe que van enviar la setmana passada.",
    "Encara no l'hem rebut. El correu no arriba des de fa dies i ningú no sap per què.",
    'Doncs li tornaré a enviar demà al matí, amb les fotografies i les cartes dels veïns.',
    'Molt bé. Però vagi amb compte, perquè hi ha gent que escolta aquestes trucades i després pregunta a tothom.',
  ],
  /** Too short to tell, in any language. */
  short: ['Hola.', 'Sí, vale.'],
} as const

/** The lines as SRT cues, three seconds each from the start. */
export function srtOf(lines: readonly string[]): string {
  const stamp = (s: number) => `00:00:${String(s).padStart(2, '0')},000`
  return lines
    .map((line, i) => `${i + 1}\n${stamp(i * 3)} --> ${stamp(i * 3 + 3)}\n${line}\n`)
    .join('\n')
}

/** The lines as WebVTT cues, three seconds each, with header lines after `WEBVTT` (e.g. `Language: fr`). */
export function vttOf(lines: readonly string[], header: readonly string[] = []): string {
  const stamp = (s: number) => `00:00:${String(s).padStart(2, '0')}.000`
  const cues = lines.map((line, i) => `${stamp(i * 3)} --> ${stamp(i * 3 + 3)}\n${line}\n`)
  return ['WEBVTT', ...header, '', cues.join('\n')].join('\n')
}
