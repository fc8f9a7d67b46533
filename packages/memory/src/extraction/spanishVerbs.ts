// Spanish verbs a teen tells a routine with, by the forms they are said in: "cuido", "jugamos", "estoy trabajando" → the infinitive a habit is named by.

/**
 * Infinitives of the verbs teens' routines are told with (work, care, play, practice, pray, cook, sell, watch…), each
 * with the irregular present forms of "yo" and "nosotros" its regular endings would not give ("juego", "voy", "hago").
 * A closed list on purpose: many Spanish nouns end in -o like a verb's "yo" form ("el carro", "mi trabajo"), so only
 * a known verb's form is read as one.
 */
const VERBS: readonly (readonly [infinitive: string, ...irregular: string[]])[] = [
  ["trabajar"], ["cuidar"], ["ayudar"], ["practicar"], ["entrenar"], ["tocar"], ["rezar"], ["cocinar"], ["limpiar"],
  ["dibujar"], ["estudiar"], ["hablar"], ["cantar"], ["bailar"], ["nadar"], ["caminar"], ["manejar"], ["pintar"],
  ["escuchar"], ["mirar"], ["visitar"], ["llamar"], ["preparar"], ["lavar"], ["usar"], ["llegar"], ["terminar"],
  ["tomar"], ["levantar"], ["llevar"], ["pasear"], ["platicar"], ["chatear"], ["patinar"], ["surfear"], ["pescar"],
  ["cazar"], ["ordeñar"], ["grabar"], ["editar"], ["hornear"], ["ahorrar"], ["gastar"], ["jugar", "juego", "jugamos"],
  ["acompañar"], ["enseñar"], ["atender", "atiendo"], ["vender"], ["aprender"], ["correr"], ["leer"], ["tejer"],
  ["coser"], ["barrer"], ["comer"], ["beber"], ["ver", "veo", "vemos"], ["hacer", "hago"], ["ir", "voy", "vamos"],
  ["salir", "salgo"], ["escribir"], ["subir"], ["abrir"], ["asistir"], ["dormir", "duermo"], ["seguir", "sigo"],
  ["volver", "vuelvo"], ["acostar", "acuesto"], ["despertar", "despierto"], ["quedar"], ["poner", "pongo"],
  ["traer", "traigo"], ["recoger", "recojo"], ["montar"], ["andar"], ["repartir"], ["servir", "sirvo"],
  ["dar", "doy", "damos"], ["morder", "muerdo"], ["encerrar", "encierro"], ["pasar"], ["sacar"], ["revisar"], ["checar"],
  ["mandar"], ["contestar"], ["regar"], ["gamear"], ["streamear"], ["scrollear"], ["postear"], ["ensayar"], ["meditar"], ["orar"], ["misionar"],
];

/** Present forms of "yo" and "nosotros" and the gerund, each to its infinitive. */
export const SPANISH_VERB_FORMS: ReadonlyMap<string, string> = (() => {
  const forms = new Map<string, string>();
  const put = (form: string, infinitive: string) => {
    if (!forms.has(form)) forms.set(form, infinitive);
  };
  for (const [infinitive, ...irregular] of VERBS) {
    const stem = infinitive.slice(0, -2);
    const ending = infinitive.slice(-2);
    for (const form of irregular) put(form, infinitive);
    // "ir" has no stem to build on; its forms are all listed.
    if (stem === "") continue;
    // An irregular "yo" replaces the regular one ("juego", not "jugo"); "como" is also "like" and "as", never "I eat".
    if (irregular.length === 0 && infinitive !== "comer") put(`${stem}o`, infinitive);
    put(`${stem}${ending === "ar" ? "amos" : ending === "er" ? "emos" : "imos"}`, infinitive);
    put(ending === "ar" ? `${stem}ando` : /[aeo]$/.test(stem) ? `${stem}yendo` : `${stem}iendo`, infinitive);
  }
  // Gerunds whose stem changes: "durmiendo", "siguiendo", "sirviendo", "yendo".
  for (const [gerund, infinitive] of [["durmiendo", "dormir"], ["siguiendo", "seguir"], ["sirviendo", "servir"], ["yendo", "ir"], ["viendo", "ver"], ["trayendo", "traer"]] as const) {
    forms.set(gerund, infinitive);
  }
  return forms;
})();
