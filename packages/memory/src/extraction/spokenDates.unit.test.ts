// Dates compromise-dates does not read: Spanish days and weekdays, a day of the month alone, fixed holidays; schedules and mornings are no dates.
import { describe, expect, it } from "vitest";
import { findSpokenDates } from "./spokenDates.js";

/** The days `text` names, said on `today`. */
const datesIn = (text: string, today: string) => findSpokenDates(text.toLowerCase(), today, []).map((mention) => [text.slice(mention.start, mention.end), mention.date]);

// 2026-11-16 is a Monday; the week runs to Sunday 2026-11-22.
const WEEK = ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22"];
const SPANISH_DAYS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"];

describe("findSpokenDates", () => {
  describe("Spanish weekdays, said on each day of the week", () => {
    it.each(WEEK.map((today, index) => [today, index]))("said on %s", (today, todayIndex) => {
      for (const [dayIndex, day] of SPANISH_DAYS.entries()) {
        const ahead = (dayIndex - todayIndex + 7) % 7;
        const coming = shift(today, ahead === 0 ? 7 : ahead);
        // "el viernes" is the next one after today, a week ahead when said on that day; "este viernes" is today then.
        expect(datesIn(`tengo examen el ${day}`, today), `el ${day}`).toEqual([[`el ${day}`, coming]]);
        expect(datesIn(`tengo examen este ${day}`, today), `este ${day}`).toEqual([[`este ${day}`, shift(today, ahead)]]);
        expect(datesIn(`la fiesta es el próximo ${day}`, today), `el próximo ${day}`).toEqual([[`el próximo ${day}`, coming]]);
        // "el viernes pasado" is the last one before today.
        expect(datesIn(`el ${day} pasado fue horrible`, today), `el ${day} pasado`).toEqual([[`el ${day} pasado`, shift(today, ahead === 0 ? -7 : ahead - 7)]]);
      }
    });
  });

  it("reads unaccented weekdays and weekdays followed by 'que viene'", () => {
    expect(datesIn("el sabado que viene es mi cumple", "2026-11-18")).toEqual([["el sabado que viene", "2026-11-21"]]);
    expect(datesIn("miercoles tengo dentista", "2026-11-18")).toEqual([["miercoles", "2026-11-25"]]);
  });

  it("leaves schedules alone: 'los viernes', 'cada viernes', 'todos los viernes'", () => {
    expect(datesIn("los viernes voy al gym, cada lunes tengo práctica y todos los domingos vamos a misa", "2026-11-18")).toEqual([]);
  });

  it("takes 'mañana' as tomorrow and not as a morning", () => {
    expect(datesIn("mañana tengo examen de química", "2026-12-07")).toEqual([["mañana", "2026-12-08"]]);
    expect(datesIn("manana hay junta", "2026-12-07")).toEqual([["manana", "2026-12-08"]]);
    expect(datesIn("pasado mañana es la posada", "2026-12-07")).toEqual([["pasado mañana", "2026-12-09"]]);
    expect(datesIn("esta mañana me levanté tarde y por la mañana no hay nadie, cada mañana igual", "2026-12-07")).toEqual([]);
    expect(datesIn("mañana en la mañana", "2026-12-07")).toEqual([["mañana", "2026-12-08"]]);
  });

  it("reads today, yesterday and the day before", () => {
    expect(datesIn("hoy fue el recital, ayer el ensayo y anteayer la prueba", "2026-12-07")).toEqual([
      ["hoy", "2026-12-07"],
      ["ayer", "2026-12-06"],
      ["anteayer", "2026-12-05"],
    ]);
    expect(datesIn("anoche nos peleamos", "2026-12-07")).toEqual([["anoche", "2026-12-06"]]);
  });

  it("reads a day of the month alone as this month's if still to come, else next month's, and not a count", () => {
    expect(datesIn("la posada del 19", "2026-12-06")).toEqual([["del 19", "2026-12-19"]]);
    expect(datesIn("mi cumple es el 3", "2026-12-06")).toEqual([["es el 3", "2027-01-03"]]);
    expect(datesIn("hoy es el día 6", "2026-12-06")).toEqual([
      ["hoy", "2026-12-06"],
      ["es el día 6", "2026-12-06"],
    ]);
    expect(datesIn("el 31", "2026-11-06")).toEqual([]);
    expect(datesIn("saqué el 19 de la lista, tengo el 10 por ciento y saqué el 10 en química", "2026-12-06")).toEqual([]);
  });

  it("reads a Spanish day and month as the nearest such day", () => {
    expect(datesIn("el 19 de diciembre es la boda de mi prima", "2026-12-06")).toEqual([["19 de diciembre", "2026-12-19"]]);
    expect(datesIn("el 2 de enero regreso", "2026-12-06")).toEqual([["2 de enero", "2027-01-02"]]);
    expect(datesIn("el 20 de noviembre fue el desfile", "2026-12-06")).toEqual([["20 de noviembre", "2026-11-20"]]);
  });

  it("reads an English day said as an owner, and leaves a weekday's alone", () => {
    // 2026-11-18 is a Wednesday.
    expect(datesIn("tomorrow's meet is at 8", "2026-11-18")).toEqual([["tomorrow's", "2026-11-19"]]);
    expect(datesIn("tonight's show and today’s quiz", "2026-11-18")).toEqual([["tonight's", "2026-11-18"], ["today’s", "2026-11-18"]]);
    expect(datesIn("yesterday's practice was brutal", "2026-11-18")).toEqual([["yesterday's", "2026-11-17"]]);
    // Whether "saturday's game" is the last or the coming one needs the clause's tense: not read.
    expect(datesIn("saturday's game was crazy", "2026-11-18")).toEqual([]);
  });

  it("reads an English day of the month said without its month", () => {
    expect(datesIn("my top surgery consult is the 17th and im so nervous", "2026-12-03")).toEqual([["is the 17th", "2026-12-17"]]);
    expect(datesIn("opening night is on the 2nd!!", "2026-12-03")).toEqual([["on the 2nd", "2027-01-02"]]);
    expect(datesIn("it's due on the 17th of december", "2026-12-03")).toEqual([]);
    expect(datesIn("this is the 3rd time she did it and i have her in the 2nd period", "2026-12-03")).toEqual([]);
  });

  it("dates fixed holidays compromise-dates does not name, the nearest one", () => {
    expect(datesIn("visiting my abuela for navidad!!", "2026-11-20")).toEqual([["navidad", "2026-12-25"]]);
    expect(datesIn("nan's coming over for boxing day", "2026-12-05")).toEqual([["boxing day", "2026-12-26"]]);
    expect(datesIn("en nochebuena cenamos tamales", "2026-12-06")).toEqual([["nochebuena", "2026-12-24"]]);
    expect(datesIn("en navidad me regalaron un celular", "2027-01-10")).toEqual([["navidad", "2026-12-25"]]);
  });

  it("reads a few weekday phrases said on a Wednesday, worked out by hand", () => {
    // 2026-11-18 is a Wednesday.
    expect(datesIn("el viernes hay examen", "2026-11-18")).toEqual([["el viernes", "2026-11-20"]]);
    expect(datesIn("el miércoles hay examen", "2026-11-18")).toEqual([["el miércoles", "2026-11-25"]]);
    expect(datesIn("este miércoles hay examen", "2026-11-18")).toEqual([["este miércoles", "2026-11-18"]]);
    expect(datesIn("el lunes pasado y el pasado miércoles", "2026-11-18")).toEqual([
      ["el lunes pasado", "2026-11-16"],
      ["el pasado miércoles", "2026-11-11"],
    ]);
    expect(datesIn("el martes que viene", "2026-11-18")).toEqual([["el martes que viene", "2026-11-24"]]);
  });

  it("reads a bare weekday told as done as the last one, and one said with anything present or to come as the coming one", () => {
    // 2026-11-18 is a Wednesday: the last Friday was 11-13, the coming one is 11-20.
    expect(datesIn("el viernes fuimos al cine", "2026-11-18")).toEqual([["el viernes", "2026-11-13"]]);
    expect(datesIn("el sábado perdimos la final", "2026-11-18")).toEqual([["el sábado", "2026-11-14"]]);
    for (const text of ["el viernes salí con ana", "el viernes perdí mi celular", "el viernes pasó algo raro", "el viernes fui pero ya no regreso"]) {
      expect(datesIn(text, "2026-11-18"), text).toEqual([["el viernes", "2026-11-13"]]);
    }
    // "y" ends the clause: what comes after it is another day's.
    expect(datesIn("el viernes perdimos y mañana hay revancha", "2026-11-18")).toEqual([
      ["el viernes", "2026-11-13"],
      ["mañana", "2026-11-19"],
    ]);
    // Coming, though a past verb is near: a verb that is present too, a present or future word in the clause, a
    // weekday that names a deadline or an event's day, a word that only looks like a past verb.
    for (const text of [
      "el viernes salimos a las 8",
      "el viernes jugamos la final",
      "el viernes salimos y vamos al cine",
      "el viernes vas a la fiesta ya fui a comprar el regalo",
      "ya hice la tarea para el viernes",
      "la fiesta del viernes fue cancelada",
      "el viernes en la viña",
      "ojalá el viernes ganemos",
    ]) {
      expect(datesIn(text, "2026-11-18"), text).toEqual([[text.includes("del viernes") ? "viernes" : "el viernes", "2026-11-20"]]);
    }
    expect(datesIn("el viernes fui a la fiesta pero mañana tengo examen", "2026-11-18")).toEqual([
      ["el viernes", "2026-11-13"],
      ["mañana", "2026-11-19"],
    ]);
    expect(datesIn("el viernes voy al cine", "2026-11-18")).toEqual([["el viernes", "2026-11-20"]]);
    expect(datesIn("el viernes tengo examen y ayer fui al cine", "2026-11-18")).toEqual([
      ["el viernes", "2026-11-20"],
      ["ayer", "2026-11-17"],
    ]);
    expect(datesIn("el viernes es la fiesta, fue idea de mi prima", "2026-11-18")).toEqual([["el viernes", "2026-11-20"]]);
  });

  it("takes a weekday's day number over the weekday, and a month named before over the coming one", () => {
    expect(datesIn("el sábado 28 es mi quince", "2026-11-18")).toEqual([["el sábado 28", "2026-11-28"]]);
    // Of the coming 13th (a Sunday) and the last one (Friday 2026-11-13), the Friday.
    expect(datesIn("el viernes 13 fuimos al cine", "2026-11-18")).toEqual([["el viernes 13", "2026-11-13"]]);
    expect(datesIn("la posada es el viernes 18 de diciembre", "2026-11-18")).toEqual([["el viernes 18 de diciembre", "2026-12-18"]]);
    const quince = "my quince is on december 19th and the party is the 20th";
    const december19 = { start: quince.indexOf("december 19th"), end: quince.indexOf("december 19th") + 13, date: "2026-12-19" };
    expect(findSpokenDates(quince, "2026-11-18", [december19]).map((mention) => [quince.slice(mention.start, mention.end), mention.date])).toEqual([["is the 20th", "2026-12-20"]]);
  });

  it("reads a day said of the past as gone, not coming", () => {
    expect(datesIn("ayer fue el 17", "2026-11-18")).toEqual([
      ["ayer", "2026-11-17"],
      ["fue el 17", "2026-11-17"],
    ]);
    expect(datesIn("el recital fue el 20", "2026-11-18")).toEqual([["fue el 20", "2026-10-20"]]);
    expect(datesIn("the recital was the 2nd and i was the 3rd to go on", "2026-11-18")).toEqual([]);
  });

  it("does not read rankings, counts, scores or names as dates", () => {
    for (const text of [
      "our team was the 2nd at the tournament",
      "she is the 1st and only",
      "this is the 3rd i've seen",
      "on the 2nd and 3rd floor",
      "el 2 y el 3 son fáciles",
      "el 2 es mi favorito",
      "vivo en el 3.",
      "saqué el 10.",
      "del 1 a 10",
      "es el 1,5 por ciento",
      "the party at domingo's house is on saturday",
      "hanging out with domingo later",
      "david ayer directed it",
    ]) {
      expect(datesIn(text, "2026-11-18"), text).toEqual([]);
    }
    expect(datesIn("me voy a santo domingo en navidad", "2026-11-18")).toEqual([["navidad", "2026-12-25"]]);
  });

  it("leaves weekday schedules alone, lists and ranges too", () => {
    for (const text of ["los lunes y miércoles tengo fútbol", "de lunes a viernes trabajo", "cada lunes y martes", "los días martes tengo clase", "los lunes, miércoles y viernes voy al gym"]) {
      expect(datesIn(text, "2026-11-18"), text).toEqual([]);
    }
  });

  it("reads tomorrow's 'de mañana' and leaves mornings, the future and nowadays alone", () => {
    expect(datesIn("el examen de mañana me tiene nerviosa", "2026-11-18")).toEqual([["mañana", "2026-11-19"]]);
    for (const text of ["esa mañana llovió", "aquella mañana", "otra mañana igual", "qué mañana tan horrible", "a media mañana tengo examen", "el mañana es incierto", "hoy en día nadie lee", "salimos muy de mañana"]) {
      expect(datesIn(text, "2026-11-18"), text).toEqual([]);
    }
  });

  it("takes the next yearly day unless the last one was just now, and leaves other new years alone", () => {
    expect(datesIn("que vas a hacer en navidad", "2026-06-10")).toEqual([["navidad", "2026-12-25"]]);
    expect(datesIn("mi examen es el 19 de diciembre", "2026-06-10")).toEqual([["19 de diciembre", "2026-12-19"]]);
    expect(datesIn("en año nuevo vamos con mi abuela", "2026-11-18")).toEqual([["año nuevo", "2027-01-01"]]);
    expect(datesIn("el año nuevo chino y un año nuevo de escuela", "2026-11-18")).toEqual([]);
  });

  it("leaves out a phrase another reader already dated", () => {
    expect(findSpokenDates("mañana", "2026-12-07", [{ start: 0, end: 6, date: "2026-12-08" }])).toEqual([]);
  });
});

function shift(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
