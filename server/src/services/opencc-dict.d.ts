// The raw OpenCC dictionaries shipped by opencc-js: `key value…|key value…`.
declare module 'opencc-js/dict/*' {
  const data: string;
  export default data;
}
