// Entry point: registers the bundled fonts and mounts the atlas.
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { registerUiFonts } from './lib/map/fonts.ts';

registerUiFonts();
const target = document.getElementById('app');
if (target) mount(App, { target });
