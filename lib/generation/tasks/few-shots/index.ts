// The built-in few-shot libraries, one file per task.
export { ddxFewShots } from "./ddx";
export { iftFewShots } from "./ift";
export { mcqFewShots } from "./mcq";
