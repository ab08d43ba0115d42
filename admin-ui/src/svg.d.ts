/** SVG files are bundled as text (angular.json `loader`), for MatIconRegistry literals. */
declare module '*.svg' {
  const content: string;
  export default content;
}
